import { z } from "zod";
import { emptyToUndefined } from "./common";
import { parseInZone } from "@/lib/i18n/clock";

// Filter text: PostgreSQL refuses NUL in text, and no filter needs control characters.
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .regex(/^[^\u0000-\u001f\u007f]*$/, "validation.invalid")
    .optional();

// As typed into the page's fields, in the reader's zone (lib/i18n/clock.ts parseInZone), or an
// ISO time with an offset; only times PostgreSQL's timestamp can hold and people mean (years
// 1970 to 9999, checked with the widest offsets either side).
const time = z
  .string()
  .trim()
  .max(40, "validation.tooLong")
  .refine((value) => {
    const parsed = parseInZone(value, "UTC");
    if (!parsed) return false;
    const year = parsed.getUTCFullYear();
    return year >= 1970 && year <= 9999;
  }, "validation.invalid")
  .optional();

// Keyset cursor: "<ISO time>_<id>" of the last row seen (an id within bigint).
const cursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z_\d{1,18}$/, "validation.invalid")
  .refine((value) => !Number.isNaN(new Date(value.split("_")[0]!).getTime()), "validation.invalid")
  .optional();

// Query of the audit history page and its export; all optional. Sign-ins (auth.*) are left out
// unless asked for, or unless the action filter names them.
export const ZAuditQuerySchema = z.object({
  actor: z.preprocess(emptyToUndefined, text(254)),
  action: z.preprocess(emptyToUndefined, text(100)),
  targetType: z.preprocess(emptyToUndefined, text(50)),
  app: z.preprocess(emptyToUndefined, z.uuid("validation.invalid").optional()),
  env: z.preprocess(emptyToUndefined, z.uuid("validation.invalid").optional()),
  signins: z.preprocess(emptyToUndefined, z.enum(["1"], "validation.invalid").optional()),
  from: z.preprocess(emptyToUndefined, time),
  to: z.preprocess(emptyToUndefined, time),
  cursor: z.preprocess(emptyToUndefined, cursor),
  limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(50)),
});
export type AuditQuery = z.infer<typeof ZAuditQuerySchema>;
