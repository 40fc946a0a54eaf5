import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import { timed } from "@/lib/server-timing";
import { isImageReference } from "@/lib/templates/image-reference";
import { secretParameterNames } from "@/lib/templates/parameter-schema";
import { maskSecrets } from "@/lib/secrets/mask";
import { loadAppEnvironment, withImage } from "@/lib/services/apps/app-settings";
import { resolveDeployImage } from "@/lib/services/builds/resolve-deploy-image";
import { renderFor } from "@/lib/services/apps/render-app";
import { scalingAboveMax, withConfigChecksum } from "./prepare-objects";

// The objects a deploy of `tag` would apply: rendered with the environment's parameters,
// checked against the environment's limits, config checksum on the pod template.
export async function renderDeploy(appId: string, environmentId: string, tag: string, digest?: string) {
  const loaded = await timed("load", () => loadAppEnvironment(appId, environmentId, { tag }));
  // Build chain (issue 13): the tag is checked in the environment's registry and resolved to
  // its digest (pinned in protected environments; promotions checked) before anything starts.
  const resolved = await timed("image", () => resolveDeployImage(loaded, { tag, digest }));
  const target = withImage(loaded, resolved.image);
  const image = resolved.image;
  if (!isImageReference(image))
    throw new AppError("invalid_input", `${image} is not a valid image reference.`, {
      field: "tag",
      messageKey: "releases.badImage",
      values: { image },
    });
  const rendered = await timed("render", async () => renderFor(target));
  if (!rendered.ok)
    throw new AppError("invalid_input", rendered.errors.map((error) => error.message).join("\n"), {
      field: "parameters",
    });
  const objects = withConfigChecksum(rendered.objects as KubernetesObject[]);
  const above = scalingAboveMax(objects, target.environment.maxReplicas);
  if (above)
    throw new AppError(
      "invalid_input",
      `${above.value} replicas is above ${target.environment.name}'s maximum of ${target.environment.maxReplicas}.`,
      { field: above.field, messageKey: "releases.aboveMax", values: { max: target.environment.maxReplicas } },
    );
  const parameters = maskSecrets(target.values, { secretParameters: secretParameterNames(target.schema) });
  return { target, image, digest: resolved.digest, objects, parameters };
}
