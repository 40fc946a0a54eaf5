import "server-only";
import { checkParameterSchema } from "@/lib/templates/check-parameters";
import { imageParameterNames } from "@/lib/templates/parameter-schema";
import { renderTemplate } from "@/lib/templates/render-template";
import { describeTemplateError } from "./template-problem";

export type TemplatePreview = { ok: true; yaml: string } | { ok: false; errors: string[] };

function parse(text: string, what: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text || "{}") };
  } catch (error) {
    return { ok: false, error: `${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// The editor's live preview: sample values through the real renderer, with every problem
// listed (line and column, or the parameter) instead of thrown.
export function previewTemplate(input: { schemaText: string; body: string; valuesText: string }): TemplatePreview {
  const schema = parse(input.schemaText, "parameter schema");
  const values = parse(input.valuesText, "sample values");
  const errors = [schema, values].flatMap((r) => (r.ok ? [] : [r.error]));
  if (!schema.ok || !values.ok) return { ok: false, errors };
  // As for apps, the image is not a value people type: the preview uses a sample one.
  const checked = checkParameterSchema(schema.value);
  const images = checked.ok
    ? Object.fromEntries(
        imageParameterNames(checked.value).map((name) => [name, "registry.example.com/team/sample:1.0"]),
      )
    : {};
  const result = renderTemplate({
    schema: schema.value,
    body: input.body,
    values: { ...images, ...(values.value as Record<string, unknown>) },
    app: { name: "sample", team: "team" },
    // Routing as most clusters have it, so the preview shows the app's route.
    env: {
      name: "dev",
      namespace: "team-dev",
      routing: { mode: "gateway_api", gateway: { name: "gateway", namespace: "gateway-system" } },
    },
  });
  return result.ok ? { ok: true, yaml: result.yaml } : { ok: false, errors: result.errors.map(describeTemplateError) };
}
