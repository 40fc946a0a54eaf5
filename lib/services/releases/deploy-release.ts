import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Actor } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { afterResponse } from "@/lib/after-response";
import { timed } from "@/lib/server-timing";
import { isImageReference } from "@/lib/templates/image-reference";
import { secretParameterNames } from "@/lib/templates/parameter-schema";
import type { Tx } from "@/lib/db";
import { loadAppEnvironment } from "@/lib/services/apps/app-settings";
import { renderFor } from "@/lib/services/apps/render-app";
import type { DeployInput } from "@/lib/validations/release";
import { followInBackground } from "./follow-release";
import { openRelease } from "./release-store";
import { releaseAccess } from "./release-access";
import { requestDeploy } from "./release-requests";
import { replicasOf, withConfigChecksum } from "./prepare-objects";
import { applyRelease, type Preloaded, type ReleaseHooks } from "./run-release";

export type DeployResult =
  | { kind: "release"; releaseId: string; number: number; status: "progressing" | "succeeded" | "failed" }
  | { kind: "request"; requestId: string };

// The objects a deploy of `tag` would apply: rendered with the environment's parameters,
// checked against the environment's limits, config checksum on the pod template.
export async function renderDeploy(appId: string, environmentId: string, tag: string) {
  const target = await timed("load", () => loadAppEnvironment(appId, environmentId, { tag }));
  const image = `${target.app.imageRepository}:${tag}`;
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
  const replicas = replicasOf(objects);
  if (replicas !== undefined && replicas > target.environment.maxReplicas)
    throw new AppError(
      "invalid_input",
      `${replicas} replicas is above ${target.environment.name}'s maximum of ${target.environment.maxReplicas}.`,
      { field: "replicas", messageKey: "releases.aboveMax", values: { max: target.environment.maxReplicas } },
    );
  const secrets = new Set(secretParameterNames(target.schema));
  const parameters = Object.fromEntries(
    Object.entries(target.values).map(([key, value]) => [key, secrets.has(key) ? "••••••" : value]),
  );
  return { target, image, objects, parameters };
}

export type DeployOptions = {
  trigger?: "user" | "approval";
  actorLabel?: string;
  approvedByLabel?: string;
  alsoInTransaction?: (tx: Tx, release: { id: string; number: number }) => Promise<void>;
  hooks?: ReleaseHooks;
};

// Deploy: role and team checked, input validated, objects rendered; then the release is opened
// (lock + pending row + audit), applied with server-side apply while the caller waits, and its
// rollout followed in the background. A developer's deploy to a protected environment becomes a
// request for approval instead.
export async function deployRelease(
  actor: CurrentUser,
  input: DeployInput,
  context: RequestContext,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const { target, image, objects, parameters } = await renderDeploy(input.appId, input.environmentId, input.tag);
  if (!options.trigger && releaseAccess(actor, target.app.teamId, target.environment, "deploy") === "request")
    return { kind: "request", requestId: await requestDeploy(actor, input, target, context) };
  const auditActor: Actor = { id: actor.id, email: actor.email };
  const release = await timed("open", () =>
    openRelease({
      appId: target.app.id,
      environmentId: target.environment.id,
      kind: "deploy",
      image,
      parameters,
      objects,
      description: input.description,
      actor: auditActor,
      actorLabel: options.actorLabel ?? actor.email,
      trigger: options.trigger ?? "user",
      ...(options.approvedByLabel ? { approvedByLabel: options.approvedByLabel } : {}),
      takeOver: input.takeOver,
      ...(options.alsoInTransaction ? { alsoInTransaction: options.alsoInTransaction } : {}),
      audit: {
        action: "release.deploy",
        label: `${target.app.team.name}/${target.app.name} ${target.environment.name}`,
        after: { image, takeOver: input.takeOver, description: input.description },
        context,
      },
    }),
  );
  return timed("apply", () =>
    startRelease({ ...release, app: target.app, environment: target.environment }, objects, options.hooks),
  );
}

// Applies a freshly opened release and leaves its rollout to the background follower. The
// caller waits for the objects to be applied, not for the bookkeeping after it, which starts
// once the answer has gone out (so it does not hold the answer up).
export async function startRelease(
  release: Preloaded["release"],
  objects: KubernetesObject[],
  hooks?: ReleaseHooks,
): Promise<DeployResult & { kind: "release" }> {
  const { outcome, record } = await applyRelease(release.id, hooks, { release, objects });
  if (outcome === "follow")
    afterResponse(() =>
      record()
        .then(() => followInBackground(release.id))
        .catch((error: unknown) => console.error(`release ${release.id}: recording the apply failed`, error)),
    );
  return {
    kind: "release",
    releaseId: release.id,
    number: release.number,
    status: outcome === "follow" ? "progressing" : outcome === "done" ? "succeeded" : "failed",
  };
}
