import type { z } from "zod";
import { isMessageKey, type Translate } from "./locales";

// A zod issue in the reader's language: its message is a message key (lib/i18n), filled with the
// issue's limits and any values the schema passed as `params`.
export function issueMessage(t: Translate, issue: z.core.$ZodIssue): string {
  const values: Record<string, string | number> = {};
  if ("maximum" in issue) values.max = Number(issue.maximum);
  if ("minimum" in issue) values.min = Number(issue.minimum);
  if ("params" in issue && issue.params) Object.assign(values, issue.params);
  values.max ??= 63;
  values.min ??= 10;
  return isMessageKey(issue.message) ? t(issue.message, values) : t("validation.invalid");
}

// Each field's first message, the field named by its path ("values.replicas"); "form" when the
// issue is about the whole input.
export function issueFields(t: Translate, issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join(".") || "form"] ??= issueMessage(t, issue);
  return fields;
}
