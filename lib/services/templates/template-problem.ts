import "server-only";
import { AppError } from "@/lib/errors";
import type { TemplateError } from "@/lib/templates/template-error";

function where(error: TemplateError): string {
  const parts = [
    error.document !== undefined ? `document ${error.document}` : "",
    error.line !== undefined ? `line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ""}` : "",
    error.parameter && !error.message.includes(`"${error.parameter}"`) ? `parameter "${error.parameter}"` : "",
    error.path && !error.message.includes(error.path) ? error.path : "",
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

export function describeTemplateError(error: TemplateError): string {
  return `${error.message}${where(error)}`;
}

// All of a template's problems as one field error: schema problems on the schema box, the
// rest on the manifest body.
export function templateProblem(errors: TemplateError[]): AppError {
  const onSchema =
    errors.every((e) => e.code === "invalid_values" || e.parameter !== undefined) && errors.some((e) => e.parameter);
  return new AppError("invalid_input", errors.map(describeTemplateError).join("\n"), {
    field: onSchema ? "schemaText" : "body",
  });
}
