import "server-only";
import { db } from "@/lib/db";
import type { TemplateVersion } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { immutableCache } from "@/lib/immutable-cache";
import { openSecret } from "@/lib/crypto/keys";
import { checkParameterSchema } from "@/lib/templates/check-parameters";
import { imageParameterNames, type ParameterSchema } from "@/lib/templates/parameter-schema";
import { renderNamespace } from "@/lib/services/environments/environment-view";
import { imageBase } from "@/lib/services/builds/image-reference";

export function secretsPlace(appId: string, environmentId: string): string {
  return `app:${appId}:environment:${environmentId}:secrets`;
}

// Template versions never change once written (editing a template writes a new version, and a
// template keeps its name), so each process keeps the ones it has read, with the schema already
// checked: rendering an app asks the database for the app, its environment and its settings only.
type PinnedVersion = TemplateVersion & { template: { id: string; name: string }; parameterSchema: ParameterSchema };
const versions = immutableCache<PinnedVersion>(500);

async function pinnedVersion(id: string): Promise<PinnedVersion> {
  const hit = versions.get(id);
  if (hit) return hit;
  const version = await db.templateVersion.findUniqueOrThrow({
    where: { id },
    include: { template: { select: { id: true, name: true } } },
  });
  const schema = checkParameterSchema(version.schema);
  if (!schema.ok)
    throw new AppError("internal", `Template ${version.template.name} v${version.version} has an invalid schema.`);
  const pinned = { ...version, parameterSchema: schema.value as ParameterSchema };
  versions.set(id, pinned);
  return pinned;
}

// An app with its team, pinned template version (schema checked) and one environment's stored
// parameters, secrets opened. The one place that assembles what rendering needs.
export async function loadAppEnvironment(appId: string, environmentId: string, options: { tag?: string } = {}) {
  const [found, environment, settings] = await Promise.all([
    db.app.findUnique({ where: { id: appId }, include: { team: true } }),
    db.environment.findUnique({ where: { id: environmentId }, include: { registry: { select: { url: true } } } }),
    db.appEnvironment.findUnique({ where: { appId_environmentId: { appId, environmentId } } }),
  ]);
  if (!found) throw new AppError("not_found", "Unknown app.", { field: "appId" });
  if (!environment) throw new AppError("not_found", "Unknown environment.", { field: "environmentId" });
  const templateVersion = await pinnedVersion(found.templateVersionId);
  const app = { ...found, templateVersion };
  const schema = templateVersion.parameterSchema;
  const secrets = settings?.secretValuesEncrypted
    ? (JSON.parse(openSecret(settings.secretValuesEncrypted, secretsPlace(appId, environmentId))) as Record<
        string,
        unknown
      >)
    : {};
  // Image parameters are the app's repository in the environment's registry with the tag
  // picked at deploy time (until a deploy passes one, previews use "latest"). They are never
  // stored per environment.
  const image = `${imageBase(app.imageRepository, environment.registry)}:${options.tag ?? "latest"}`;
  const images = Object.fromEntries(imageParameterNames(schema).map((name) => [name, image]));
  return {
    app,
    environment,
    schema,
    values: { ...((settings?.values as Record<string, unknown> | undefined) ?? {}), ...secrets, ...images },
    imageParameters: Object.keys(images),
    configured: Boolean(settings),
    namespace: renderNamespace(environment.namespacePattern, { team: app.team.name, env: environment.name }),
  };
}

// The same target with another image in its image parameters (a deploy pinned by digest).
export function withImage<T extends { values: Record<string, unknown>; imageParameters: string[] }>(
  target: T,
  image: string,
): T {
  return {
    ...target,
    values: { ...target.values, ...Object.fromEntries(target.imageParameters.map((name) => [name, image])) },
  };
}
