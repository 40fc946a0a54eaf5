import "server-only";
import { routingInfo } from "@/lib/services/environments/environment-routing";
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
    env: { name: target.environment.name, namespace: target.namespace, routing: routingInfo(target.environment) },
  }) as RenderedApp;
}

export async function renderAppEnvironment(appId: string, environmentId: string) {
  const target = await loadAppEnvironment(appId, environmentId);
  return { target, rendered: renderFor(target) };
}
