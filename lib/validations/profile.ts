import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";

export const ZSetLocaleSchema = z.object({ locale: z.enum(LOCALES, { message: "validation.locale" }) });
