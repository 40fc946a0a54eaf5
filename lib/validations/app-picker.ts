import { z } from "zod";
import { emptyToUndefined, ZIdSchema, ZNameSearchSchema } from "./common";

// The app picker's search: part of "team/name", optionally only one team's apps.
export const ZAppSearchSchema = z.object({
  q: ZNameSearchSchema,
  team: z.preprocess(emptyToUndefined, ZIdSchema.optional()),
});
export type AppSearch = z.infer<typeof ZAppSearchSchema>;
