import { z } from "zod";
import { type ParameterDef, type ParameterType, ZParameterDefSchema } from "./parameter-def";
import { copyPlain } from "./plain-values";
import { formatPath } from "./template-error";
import { valueSchemaFor } from "./value-schemas";

export { PARAMETER_TYPES, type ParameterDef, type ParameterType } from "./parameter-def";

const MAX_PARAMETERS = 200;

function checkDefinition(def: ParameterDef, problem: (message: string, field?: string) => void) {
  if (def.type === "enum") {
    if (!def.options?.length) problem("an enum needs options", "options");
    else if (new Set(def.options).size !== def.options.length) problem("an option is listed twice", "options");
  } else if (def.options !== undefined) problem("options are only allowed on enum parameters", "options");

  const bounded = def.type === "integer" || def.type === "string";
  if (!bounded && (def.min !== undefined || def.max !== undefined))
    problem("min and max are only allowed on integer and string parameters");
  if (def.min !== undefined && def.max !== undefined && def.min > def.max)
    problem(`min ${def.min} is above max ${def.max}`, "min");
  if (def.type === "string" && def.min !== undefined && def.min < 0) problem("min must not be negative", "min");

  if (def.default === undefined || (def.type === "enum" && !def.options?.length)) return;
  const result = valueSchemaFor(def).safeParse(def.default);
  for (const issue of result.error?.issues ?? []) {
    const at = formatPath(issue.path);
    problem(`default ${at ? `${at}: ` : ""}${issue.message}`, "default");
  }
}

export const ZParameterSchemaSchema = z
  .strictObject({
    parameters: z
      .array(ZParameterDefSchema, "parameters must be a list")
      .max(MAX_PARAMETERS, `at most ${MAX_PARAMETERS} parameters`),
  })
  .superRefine(({ parameters }, ctx) => {
    const seen = new Set<string>();
    parameters.forEach((def, index) => {
      const problem = (message: string, field?: string) =>
        ctx.addIssue({
          code: "custom",
          path: ["parameters", index, ...(field ? [field] : [])],
          message: `parameter "${def.name}": ${message}`,
        });
      if (seen.has(def.name)) problem("is defined twice", "name");
      seen.add(def.name);
      checkDefinition(def, problem);
    });
  });

export type ParameterSchema = z.infer<typeof ZParameterSchemaSchema>;

const TEXT_TYPES = new Set<ParameterType>(["string", "enum", "image"]);

// Forms send null, or "" from a cleared text box, for "not given": the default applies, a
// required parameter is missing, and an optional one is left out of the rendered objects.
function withPresence(def: ParameterDef): z.ZodType {
  const base = valueSchemaFor(def);
  const fallback = def.default;
  const cleared = TEXT_TYPES.has(def.type)
    ? (value: unknown) => value === "" || value === null
    : (value: unknown) => value === null;
  const given = (value: unknown) => (cleared(value) ? undefined : value);
  if (fallback !== undefined) return z.preprocess((value) => given(value) ?? copyPlain(fallback), base);
  return z.preprocess(given, def.required ? base : base.optional());
}

/** Validates a values object against the schema, filling in defaults. Unknown keys are dropped. */
export function valuesSchema(schema: ParameterSchema): z.ZodObject<Record<string, z.ZodType>> {
  return z.object(Object.fromEntries(schema.parameters.map((def) => [def.name, withPresence(def)])));
}

export function defaultsOf(schema: ParameterSchema): Record<string, unknown> {
  return Object.fromEntries(
    schema.parameters.filter((def) => def.default !== undefined).map((def) => [def.name, copyPlain(def.default)]),
  );
}

/** Parameters whose values must be masked wherever they are shown or logged. */
export function secretParameterNames(schema: ParameterSchema): string[] {
  return schema.parameters.filter((def) => def.type === "secretValues").map((def) => def.name);
}

/** Parameters only roles that scale may change (DESIGN.md): the replica count and autoscaling. */
export function scalingParameterNames(schema: ParameterSchema): string[] {
  return schema.parameters
    .filter((def) => def.type === "autoscaling" || def.name === "replicas")
    .map((def) => def.name);
}

/** Parameters filled with the app's image (repository + deploy tag), never typed into a form. */
export function imageParameterNames(schema: ParameterSchema): string[] {
  return schema.parameters.filter((def) => def.type === "image").map((def) => def.name);
}
