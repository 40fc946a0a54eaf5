export type TemplateErrorCode = "yaml" | "unknown_placeholder" | "invalid_values" | "invalid_output";

/**
 * One problem with a template or its values. `document`, `line` and `column` are 1-based, as an
 * editor shows them; `document` counts the body's documents, including ones `$if` removed.
 * `path` is the field inside a value (`limits.cpu`) or an object (`spec.replicas`).
 */
export type TemplateError = {
  code: TemplateErrorCode;
  message: string;
  parameter?: string;
  document?: number;
  line?: number;
  column?: number;
  path?: string;
};

export function formatPath(segments: readonly PropertyKey[]): string {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += path === "" ? String(segment) : `.${String(segment)}`;
  }
  return path;
}
