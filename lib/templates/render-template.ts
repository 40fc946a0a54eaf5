import type { z } from "zod";
import { BoundedCache } from "./bounded-cache";
import { checkObject } from "./check-object";
import { checkParameterSchema, checkValues } from "./check-parameters";
import { compileBody } from "./compile-body";
import type { CompiledDocument } from "./compiled-node";
import { contextShape } from "./context-shape";
import { decorateObject } from "./decorate-object";
import { evaluateNode, OMIT } from "./evaluate-body";
import { type ParameterSchema, valuesSchema } from "./parameter-schema";
import { type AppInfo, type EnvInfo, renderScope, standardLabels } from "./render-context";
import { isPlainRecord } from "./plain-values";
import type { TemplateError } from "./template-error";
import { toYaml } from "./to-yaml";

export type { AppInfo, EnvInfo } from "./render-context";
export type { TemplateError, TemplateErrorCode } from "./template-error";

/** `schema` is the stored JSON, checked here; `body` the multi-document YAML. */
export type TemplateSource = { schema: unknown; body: string };
export type RenderInput = TemplateSource & { values: unknown; app: AppInfo; env: EnvInfo };
export type KubeObject = Record<string, unknown>;
export type RenderResult = { ok: true; objects: KubeObject[]; yaml: string } | { ok: false; errors: TemplateError[] };
export type ValidationResult = { ok: true } | { ok: false; errors: TemplateError[] };

type Prepared =
  | { ok: true; schema: ParameterSchema; values: z.ZodObject<Record<string, z.ZodType>>; documents: CompiledDocument[] }
  | { ok: false; errors: TemplateError[] };

const MAX_BODY_LENGTH = 512 * 1024;
const SCHEMAS_PER_BODY = 4;
// Parsing and checking a body costs far more than rendering it; releases and previews render
// the same few templates over and over. Keyed by body first: V8 keeps a string's hash, so
// looking up the same body again does not read it again.
const prepared = new BoundedCache<string, Map<string, Prepared>>(64);

function prepare({ schema: input, body }: TemplateSource): Prepared {
  const schemaKey = JSON.stringify(input) ?? "";
  const bySchema = prepared.get(body) ?? new Map<string, Prepared>();
  const cached = bySchema.get(schemaKey);
  if (cached) return cached;
  const result = compile(input, body);
  if (bySchema.size >= SCHEMAS_PER_BODY) bySchema.clear();
  prepared.set(body, bySchema.set(schemaKey, result));
  return result;
}

function compile(input: unknown, body: string): Prepared {
  if (body.length > MAX_BODY_LENGTH)
    return { ok: false, errors: [{ code: "yaml", message: `the body is longer than ${MAX_BODY_LENGTH} characters` }] };
  const schema = checkParameterSchema(input);
  if (!schema.ok) return schema;
  const { documents, errors } = compileBody(body, contextShape(schema.value));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, schema: schema.value, values: valuesSchema(schema.value), documents };
}

/** Checks the schema, the YAML and every placeholder against the schema, without values. */
export function validateTemplate(source: TemplateSource): ValidationResult {
  const result = prepare(source);
  return result.ok ? { ok: true } : result;
}

export function renderTemplate(input: RenderInput): RenderResult {
  const template = prepare(input);
  if (!template.ok) return template;
  const values = checkValues(template.values, input.values);
  if (!values.ok) return values;

  const scope = renderScope(template.schema, values.value, input.app, input.env);
  const { labels } = standardLabels(input.app, input.env);
  const errors: TemplateError[] = [];
  const objects: KubeObject[] = [];
  for (const { document, root } of template.documents) {
    const before = errors.length;
    const object = evaluateNode(root, scope, errors);
    // A half-substituted object would only add follow-on errors.
    if (object === OMIT || errors.length > before) continue;
    if (isPlainRecord(object)) {
      decorateObject(object, labels, input.env.namespace);
      objects.push(object);
    }
    errors.push(...checkObject(object, document));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, objects, yaml: toYaml(objects) };
}
