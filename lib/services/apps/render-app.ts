import "server-only";
import { renderTemplate } from "@/lib/templates/render-template";
import type { TemplateError } from "@/lib/templates/template-error";
import { loadAppEnvironment } from "./app-settings";

export type RenderedApp =
  { ok: true; objects: Record<string, unknown>[]; yaml: string } | { ok: false; errors: TemplateError[] };

export type RenderTarget = Awaited<ReturnType<typeof loadAppEnvironment>>;

export function renderFor(target: RenderTarget, override?: { schema: unknown; body: string }): RenderedApp {
  return renderTemplate({
    schema: override?.schema ?? target.schema,
    body: override?.body ?? target.app.templateVersion.body,
    values: target.values,
    app: { name: target.app.name, team: target.app.team.name },
    env: { name: target.environment.name, namespace: target.namespace },
  }) as RenderedApp;
}

// For people: Secret data is replaced by a mask, the rendered objects are otherwise exact.
export function maskSecrets(objects: Record<string, unknown>[]): Record<string, unknown>[] {
  return objects.map((object) => {
    if (object.kind !== "Secret") return object;
    const mask = (data: unknown) =>
      data && typeof data === "object" ? Object.fromEntries(Object.keys(data).map((key) => [key, "••••••"])) : data;
    return {
      ...object,
      ...(object.data ? { data: mask(object.data) } : {}),
      ...(object.stringData ? { stringData: mask(object.stringData) } : {}),
    };
  });
}

export async function renderAppEnvironment(appId: string, environmentId: string) {
  const target = await loadAppEnvironment(appId, environmentId);
  return { target, rendered: renderFor(target) };
}
