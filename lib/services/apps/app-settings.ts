import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/crypto/keys";
import { checkParameterSchema } from "@/lib/templates/check-parameters";
import { imageParameterNames, type ParameterSchema } from "@/lib/templates/parameter-schema";
import { renderNamespace } from "@/lib/services/environments/environment-view";

export function secretsPlace(appId: string, environmentId: string): string {
  return `app:${appId}:environment:${environmentId}:secrets`;
}

// An app with its team, pinned template version (schema checked) and one environment's stored
// parameters, secrets opened. The one place that assembles what rendering needs.
export async function loadAppEnvironment(appId: string, environmentId: string, options: { tag?: string } = {}) {
  const [app, environment, settings] = await Promise.all([
    db.app.findUnique({
      where: { id: appId },
      include: { team: true, templateVersion: { include: { template: true } } },
    }),
    db.environment.findUnique({ where: { id: environmentId } }),
    db.appEnvironment.findUnique({ where: { appId_environmentId: { appId, environmentId } } }),
  ]);
  if (!app) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  if (!environment) throw new AppError("not_found", "Unknown environment.", { field: "environmentId" });
  const schema = checkParameterSchema(app.templateVersion.schema);
  if (!schema.ok)
    throw new AppError(
      "internal",
      `Template ${app.templateVersion.template.name} v${app.templateVersion.version} has an invalid schema.`,
    );
  const secrets = settings?.secretValuesEncrypted
    ? (JSON.parse(openSecret(settings.secretValuesEncrypted, secretsPlace(appId, environmentId))) as Record<
        string,
        unknown
      >)
    : {};
  // Image parameters are the app's repository with the tag picked at deploy time (until a
  // deploy passes one, previews use "latest"). They are never stored per environment.
  const images = Object.fromEntries(
    imageParameterNames(schema.value).map((name) => [name, `${app.imageRepository}:${options.tag ?? "latest"}`]),
  );
  return {
    app,
    environment,
    schema: schema.value as ParameterSchema,
    values: { ...((settings?.values as Record<string, unknown> | undefined) ?? {}), ...secrets, ...images },
    imageParameters: Object.keys(images),
    configured: Boolean(settings),
    namespace: renderNamespace(environment.namespacePattern, { team: app.team.name, env: environment.name }),
  };
}
