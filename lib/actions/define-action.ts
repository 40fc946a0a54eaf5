import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { requireUser } from "@/lib/auth/guards";
import type { CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { issueFields } from "@/lib/i18n/issue-message";
import { isMessageKey, type Translate } from "@/lib/i18n/locales";
import { findString, hasUnstorable, MAX_NESTING, nestingDepth } from "@/lib/validations/input-shape";
import { getRequestContext, type RequestContext } from "@/lib/request-context";

import type { ActionError, ActionResult } from "./action-result";

export type { ActionResult } from "./action-result";

// The largest request body an action takes, counted as JSON; the proxy refuses far larger ones
// outright (lib/security/request-guard.ts).
export const MAX_ACTION_BYTES = 1024 * 1024;

function fieldError(code: string, field: string, message: string): ActionError {
  return { code, message, field, fields: { [field]: message } };
}

// Input too deep to walk, too large to take or holding what no field can store, refused on its
// field before anything parses it.
function shapeProblem(t: Translate, raw: unknown): ActionError | null {
  if (nestingDepth(raw) > MAX_NESTING)
    return fieldError("invalid_input", "form", t("validation.tooDeep", { max: MAX_NESTING }));
  const bytes = Buffer.byteLength(JSON.stringify(raw) ?? "");
  if (bytes > MAX_ACTION_BYTES) {
    // Named by the longest text in it: a string at least a tenth of the limit.
    const field = findString(raw, (text) => text.length > MAX_ACTION_BYTES / 10) ?? "form";
    return fieldError("too_large", field, t("validation.tooLarge", { max: MAX_ACTION_BYTES / 1024 }));
  }
  const unstorable = findString(raw, hasUnstorable);
  return unstorable ? fieldError("invalid_input", unstorable, t("validation.unstorable")) : null;
}

// Every server action goes through here: role check, then zod, then the service with the
// actor and request context. Errors come back as a message in the user's language, naming the
// field; anything unexpected is logged and answered with a plain internal error.
export function defineAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.output<S>, ctx: { user: CurrentUser; context: RequestContext }) => Promise<T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const { t, render } = await getI18n();
    try {
      const user = await requireUser(permission);
      const problem = shapeProblem(t, raw);
      if (problem) return { ok: false, error: problem };
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const fields = issueFields(t, parsed.error.issues);
        const [field, message] = Object.entries(fields)[0] ?? ["form", t("validation.invalid")];
        return { ok: false, error: { code: "invalid_input", message, field, fields } };
      }
      const context = await getRequestContext();
      return { ok: true, data: await handler(parsed.data, { user, context }) };
    } catch (error) {
      if (error instanceof AppError) {
        const message =
          error.messageKey && isMessageKey(error.messageKey)
            ? render({ key: error.messageKey, ...(error.values ? { values: error.values } : {}) })
            : error.message;
        return {
          ok: false,
          error: {
            code: error.code,
            message,
            ...(error.field ? { field: error.field, fields: { [error.field]: message } } : {}),
          },
        };
      }
      console.error("server action failed", error);
      return { ok: false, error: { code: "internal", message: t("common.error.internal") } };
    }
  };
}
