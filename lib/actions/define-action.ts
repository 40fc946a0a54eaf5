import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { requireUser } from "@/lib/auth/guards";
import type { CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { isMessageKey, type Translate } from "@/lib/i18n/locales";
import { getRequestContext, type RequestContext } from "@/lib/request-context";

import type { ActionResult } from "./action-result";

export type { ActionResult } from "./action-result";

function translateIssue(t: Translate, issue: z.core.$ZodIssue): string {
  const values: Record<string, string | number> = {};
  if ("maximum" in issue) values.max = Number(issue.maximum);
  if ("minimum" in issue) values.min = Number(issue.minimum);
  values.max ??= 63;
  values.min ??= 10;
  return isMessageKey(issue.message) ? t(issue.message, values) : t("validation.invalid");
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
    const { t } = await getI18n();
    try {
      const user = await requireUser(permission);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const field = issue.path.map(String).join(".") || "form";
          fields[field] ??= translateIssue(t, issue);
        }
        const [field, message] = Object.entries(fields)[0] ?? ["form", t("validation.invalid")];
        return { ok: false, error: { code: "invalid_input", message, field, fields } };
      }
      const context = await getRequestContext();
      return { ok: true, data: await handler(parsed.data, { user, context }) };
    } catch (error) {
      if (error instanceof AppError) {
        const message =
          error.messageKey && isMessageKey(error.messageKey) ? t(error.messageKey, error.values) : error.message;
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
