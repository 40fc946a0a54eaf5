import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { issueFields } from "@/lib/i18n/issue-message";
import type { Translate } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { findString, hasUnstorable, MAX_NESTING, nestingDepth } from "@/lib/validations/input-shape";

export const MAX_JSON_BYTES = 1024 * 1024;

async function invalid(issues: readonly z.core.$ZodIssue[]): Promise<AppError> {
  const { t } = await getI18n();
  const [field, message] = Object.entries(issueFields(t, issues))[0] ?? ["body", t("validation.invalid")];
  return new AppError("invalid_input", `${field}: ${message}`, { field });
}

// A route's JSON body, checked in order: the media type, the size, JSON at all, the nesting,
// then the schema. Each refusal is a 4xx naming the field; nothing is half-read into a service.
// The reader's language is looked up only for a refusal (a valid body needs none).
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const t = async (...args: Parameters<Translate>) => (await getI18n()).t(...args);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new AppError("unsupported_media_type", "Send the body as application/json.", { field: "body" });
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES)
    throw new AppError("too_large", await t("validation.tooLarge", { max: MAX_JSON_BYTES / 1024 }), {
      field: "body",
    });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "body: not valid JSON.", { field: "body" });
  }
  if (nestingDepth(body) > MAX_NESTING)
    throw new AppError("invalid_input", `body: ${await t("validation.tooDeep", { max: MAX_NESTING })}`, {
      field: "body",
    });
  const unstorable = findString(body, hasUnstorable);
  if (unstorable)
    throw new AppError("invalid_input", `${unstorable}: ${await t("validation.unstorable")}`, { field: unstorable });
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw await invalid(parsed.error.issues);
  return parsed.data;
}

// A route's query string through its schema; a bad parameter is a 400 naming it.
export async function readQuery<S extends z.ZodType>(request: Request, schema: S, extra = {}): Promise<z.output<S>> {
  const parsed = schema.safeParse({ ...Object.fromEntries(new URL(request.url).searchParams), ...extra });
  if (!parsed.success) throw await invalid(parsed.error.issues);
  return parsed.data;
}
