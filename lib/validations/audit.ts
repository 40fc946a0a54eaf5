import { z } from "zod";

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

// Query of the audit history page and its export; all optional.
export const ZAuditQuerySchema = z.object({
  actor: z.preprocess(emptyToUndefined, z.string().trim().max(254).optional()),
  action: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
  targetType: z.preprocess(emptyToUndefined, z.string().trim().max(50).optional()),
  from: z.preprocess(emptyToUndefined, z.coerce.date().optional()),
  to: z.preprocess(emptyToUndefined, z.coerce.date().optional()),
  // Keyset cursor: "<ISO time>_<id>" of the last row seen.
  cursor: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[0-9TZ:.-]+_\d+$/)
      .optional(),
  ),
  limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(50)),
});
export type AuditQuery = z.infer<typeof ZAuditQuerySchema>;
