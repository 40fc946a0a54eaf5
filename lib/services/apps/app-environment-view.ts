import "server-only";
import { db } from "@/lib/db";
import { withBuiltinPresentation } from "@/lib/templates/builtin/presentation";
import { defaultsOf, scalingParameterNames, secretParameterNames } from "@/lib/templates/parameter-schema";
import { toYaml } from "@/lib/templates/to-yaml";
import { loadAppEnvironment } from "./app-settings";
import { maskSecrets } from "@/lib/secrets/mask";
import { STABLE_KINDS } from "@/lib/services/canary/canary-state";
import { renderFor } from "./render-app";

// The tag of the image that runs now: the last succeeded release's, when it is the app's
// repository with a tag.
async function runningTag(appId: string, environmentId: string, repository: string): Promise<string | null> {
  const running = await db.release.findFirst({
    where: {
      appId,
      environmentId,
      status: "succeeded",
      kind: { in: [...STABLE_KINDS] },
      image: { startsWith: `${repository}:` },
    },
    orderBy: { number: "desc" },
    select: { image: true },
  });
  return running?.image?.slice(repository.length + 1) ?? null;
}

// What the app page shows for one environment: the form's starting values (defaults, then
// what is stored; secret values reduced to their keys) and the rendered objects with the image
// that runs now (none yet: "latest", said so), secrets masked.
export async function appEnvironmentView(appId: string, environmentId: string) {
  const app = await db.app.findUniqueOrThrow({ where: { id: appId }, select: { imageRepository: true } });
  const tag = await runningTag(appId, environmentId, app.imageRepository);
  const target = await loadAppEnvironment(appId, environmentId, tag ? { tag } : {});
  const secrets = secretParameterNames(target.schema);
  const stored = { ...defaultsOf(target.schema), ...target.values };
  const formValues = Object.fromEntries(
    Object.entries(stored)
      .filter(([name]) => !target.imageParameters.includes(name))
      .map(([name, value]) => [
        name,
        secrets.includes(name) && value && typeof value === "object"
          ? Object.fromEntries(Object.keys(value).map((key) => [key, ""]))
          : value,
      ]),
  );
  const rendered = renderFor(target);
  return {
    namespace: target.namespace,
    configured: target.configured,
    runningTag: tag,
    // The image is chosen at deploy time, not in this form.
    parameters: withBuiltinPresentation(
      target.app.templateVersion.template.name,
      target.schema.parameters.filter((p) => !target.imageParameters.includes(p.name)),
    ),
    formValues,
    // Only roles that scale change these (save-app-environment.ts keeps them for the others).
    scalingParameters: scalingParameterNames(target.schema),
    yaml: rendered.ok ? toYaml(maskSecrets(rendered.objects)) : "",
    errors: rendered.ok ? [] : rendered.errors.map((e) => e.message),
  };
}
