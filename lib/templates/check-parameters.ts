import type { z } from "zod";
import { type ParameterSchema, ZParameterSchemaSchema } from "./parameter-schema";
import { isPlainRecord } from "./plain-values";
import { formatPath, type TemplateError } from "./template-error";

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: TemplateError[] };

function parameterNameAt(input: unknown, index: PropertyKey | undefined): string | undefined {
  if (!isPlainRecord(input) || !Array.isArray(input.parameters) || typeof index !== "number") return undefined;
  const def: unknown = input.parameters[index];
  return isPlainRecord(def) && typeof def.name === "string" ? def.name : undefined;
}

function schemaError(issue: z.core.$ZodIssue, input: unknown): TemplateError {
  const [root, index, ...rest] = issue.path;
  const parameter = root === "parameters" ? parameterNameAt(input, index) : undefined;
  const where = parameter === undefined ? formatPath(issue.path) : `parameter "${parameter}"`;
  return {
    code: "invalid_values",
    // Rule checks already name the parameter; shape errors from zod do not.
    message: issue.code === "custom" || !where ? issue.message : `${where}: ${issue.message}`,
    ...(parameter !== undefined && { parameter }),
    ...(rest.length > 0 && { path: formatPath(rest) }),
  };
}

export function checkParameterSchema(input: unknown): Checked<ParameterSchema> {
  const result = ZParameterSchemaSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => schemaError(issue, input)) };
}

export function checkValues(
  schema: z.ZodObject<Record<string, z.ZodType>>,
  values: unknown,
): Checked<Record<string, unknown>> {
  const result = schema.safeParse(values ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue): TemplateError => {
      const [name, ...rest] = issue.path;
      if (typeof name !== "string") return { code: "invalid_values", message: `values: ${issue.message}` };
      const at = formatPath(rest);
      return {
        code: "invalid_values",
        message: `parameter "${name}"${at ? ` ${at}` : ""}: ${issue.message}`,
        parameter: name,
        ...(at && { path: at }),
      };
    }),
  };
}
