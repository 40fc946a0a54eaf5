import { z } from "zod";
import { isTimeZone } from "@/lib/i18n/clock";
import { LOCALES } from "@/lib/i18n/locales";

export const ZSetLocaleSchema = z.object({ locale: z.enum(LOCALES, { message: "validation.locale" }) });

// An IANA zone, or "" for "my browser's zone".
export const ZSetTimeZoneSchema = z.object({
  timeZone: z
    .string()
    .refine((value) => value === "" || isTimeZone(value), "validation.timeZone")
    .transform((value) => value || null),
});
