import { z } from "zod";
import { DNS1123_LABEL, emptyToUndefined, ZNameSearchSchema } from "./common";

export const APP_STATUSES = ["healthy", "progressing", "degraded", "not_deployed"] as const;
export type AppStatus = (typeof APP_STATUSES)[number];

export const APP_PAGE_SIZE = 50;

// Team and environment names are DNS labels (they end up in namespaces); anything else cannot
// match, so it is refused by name rather than searched for.
const label = z.string().trim().max(63, "validation.tooLong").regex(DNS1123_LABEL, "validation.invalid").optional();

// A place in the app list's order (team, name, id), as the URL carries it: base64url of the JSON
// array. Keyset paging reads from there, so the last page costs what the first does.
export type AppListCursor = { team: string; name: string; id: string };

export function encodeAppListCursor(cursor: AppListCursor): string {
  return Buffer.from(JSON.stringify([cursor.team, cursor.name, cursor.id])).toString("base64url");
}

const ZCursorTupleSchema = z.tuple([z.string().max(200), z.string().max(200), z.string().uuid()]);

const cursor = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .max(800, "validation.tooLong")
    .transform((text, ctx) => {
      let tuple: unknown;
      try {
        tuple = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
      } catch {
        tuple = undefined;
      }
      const parsed = ZCursorTupleSchema.safeParse(tuple);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: "validation.invalid" });
        return z.NEVER;
      }
      const [team, name, id] = parsed.data;
      return { team, name, id };
    })
    .optional(),
);

// The app list's query string: search by name, filter by team, environment and status, page.
export const ZAppListQuerySchema = z.object({
  q: ZNameSearchSchema,
  team: z.preprocess(emptyToUndefined, label),
  env: z.preprocess(emptyToUndefined, label),
  status: z.preprocess(emptyToUndefined, z.enum(APP_STATUSES, "validation.invalid").optional()),
  // The page number shown; with a cursor it is only a label, without one it is an OFFSET (a link
  // typed by hand or kept from before keyset paging).
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  // Next pages read after the last row of the one before, previous pages before its first row.
  after: cursor,
  before: cursor,
});
export type AppListQuery = z.infer<typeof ZAppListQuerySchema>;

// The live status stream names the apps on the reader's page (one page at most).
export const ZAppStatusIdsSchema = z
  .array(z.string().uuid("validation.invalid"))
  .min(1, "validation.required")
  .max(APP_PAGE_SIZE, "validation.tooLong");
