import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { clusterFor, type KubeClient } from "@/lib/kube/client";
import { KubeError, toKubeError } from "@/lib/kube/errors";
import {
  ApplyConflictError,
  applyObject,
  applyStages,
  deleteObject,
  findLeftovers,
  refOf,
  type ApplyStep,
  type ObjectRef,
} from "@/lib/kube/apply-objects";
import { setAutoscalerBounds } from "@/lib/kube/autoscalers";
import { restartDeployment, scaleDeployment } from "@/lib/kube/deployments";
import { ensureNamespace } from "@/lib/kube/namespaces";
import { withCanaryRule } from "@/lib/services/canary/with-canary-rule";
import { loadManifest } from "./manifest-store";
import {
  instanceOf,
  loadRunnableRelease,
  mainDeployment,
  objectsToSend,
  removedKinds,
  templateOf,
  type RestartOperation,
  type RunnableRelease,
  type ScaleOperation,
} from "./release-objects";
import {
  changeCause,
  describeOperation,
  failedApply,
  failedApplyMessage,
  namespaceCreated,
  objectDeleted,
  objectsApplied,
} from "./release-messages";
import { LEASE_SECONDS } from "./release-jobs";
import { addReleaseEvent, finishRelease, recordApplied, renewLease, updateRelease } from "./release-store";

export type ReleaseHooks = {
  // Called after each object is applied; tests use it to stop the API server part-way.
  afterObject?: (ref: ObjectRef, index: number) => Promise<void>;
};

// What a release's change left on its Deployment, for its follower (follow-release.ts): the pod
// template (canonical JSON) and the generation.
type Left = { template?: string; generation?: number };

function leftOn(deployment: KubernetesObject): Left {
  const generation = deployment.metadata?.generation;
  return { template: templateOf(deployment), ...(generation ? { generation } : {}) };
}

async function applyManifest(
  client: KubeClient,
  release: RunnableRelease,
  objects: KubernetesObject[],
  steps: ApplyStep[],
  hooks: ReleaseHooks,
): Promise<Left> {
  const ordered = objectsToSend(release, objects);
  let left: Left = {};
  const namespaces = new Set(ordered.map((object) => object.metadata?.namespace).filter(Boolean) as string[]);
  // Read while the objects go out; only needed once they are applied.
  const earlierKinds = removedKinds(
    { appId: release.appId, environmentId: release.environmentId, before: release.number },
    ordered.map(refOf),
  );
  earlierKinds.catch(() => undefined);
  const main = mainDeployment(ordered)?.metadata?.name;
  const options = { takeOver: release.takeOver };
  const remember = ({ object: applied }: { object: KubernetesObject }) => {
    if (applied.kind === "Deployment" && applied.metadata?.name === main) left = leftOn(applied);
  };
  // The namespace is created when the first apply finds it missing, not looked up every time.
  const apply = async (object: KubernetesObject) => {
    try {
      remember(await applyObject(client, object, options));
    } catch (error) {
      const namespace = object.metadata?.namespace;
      if (!(error instanceof KubeError && error.kind === "not_found" && namespace)) throw error;
      if (!error.message.includes(`namespaces "${namespace}" not found`)) throw error;
      if ((await ensureNamespace(client, namespace)) === "created")
        await addReleaseEvent(release.id, { reason: "NamespaceCreated", ...namespaceCreated(namespace) });
      remember(await applyObject(client, object, options));
    }
  };
  // Objects of one stage go out together; a stage starts when the one before it is applied.
  let index = 0;
  for (const stage of applyStages(ordered)) {
    const first = index;
    const results = await Promise.allSettled(stage.map((object) => apply(object)));
    for (const [offset, result] of results.entries()) {
      const object = stage[offset]!;
      steps[first + offset] =
        result.status === "fulfilled"
          ? { ...refOf(object), action: "applied" }
          : { ...refOf(object), action: "failed", error: toKubeError(result.reason, client.environment).message };
    }
    const failure = results.find((result) => result.status === "rejected");
    if (failure) throw (failure as PromiseRejectedResult).reason;
    for (const object of stage) {
      await hooks.afterObject?.(refOf(object), index);
      index++;
    }
  }
  const keep = ordered.map(refOf);
  const kinds = await earlierKinds;
  for (const namespace of namespaces) {
    for (const ref of await findLeftovers(client, namespace, instanceOf(release), kinds, keep)) {
      await deleteObject(client, ref);
      steps.push({ ...ref, action: "deleted" });
      await addReleaseEvent(release.id, {
        reason: "Deleted",
        object: `${ref.kind}/${ref.name}`,
        ...objectDeleted(ref),
      });
    }
  }
  return left;
}

// Scale and restart change one thing of what runs: the replica count (scale subresource), the
// autoscaler's bounds, or the pod template's restartedAt.
async function applyOperation(
  client: KubeClient,
  release: RunnableRelease,
  objects: KubernetesObject[],
): Promise<Left> {
  const deployment = mainDeployment(objects);
  const ref = {
    name: deployment?.metadata?.name ?? release.app.name,
    namespace: deployment?.metadata?.namespace ?? "default",
  };
  const operation = release.operation as ScaleOperation | RestartOperation;
  if ("replicas" in operation) return { generation: await scaleDeployment(client, ref, operation.replicas) };
  if ("autoscaling" in operation) {
    await setAutoscalerBounds(client, ref, operation.autoscaling);
    return {};
  }
  const restarted = await restartDeployment(client, ref, {
    restartedAt: operation.restartedAt,
    changeCause: changeCause(release),
  });
  return leftOn(restarted);
}

// The part of a release that changes the cluster. Ends with the release progressing (a
// Deployment to follow), succeeded (nothing to wait for) or failed, with the list of what was
// and was not applied. Applying again is harmless (server-side apply is idempotent), which is
// how a release interrupted by a restart of Slipway is resumed.
export type Preloaded = { release: RunnableRelease; objects: KubernetesObject[] };

export type ApplyOutcome = {
  outcome: "follow" | "done" | "failed";
  // Writes the bookkeeping after a successful apply (status progressing, the objects applied,
  // the follower queued). The caller may answer first and call it after: a crash in between
  // leaves the release applying, which the sweep for interrupted releases applies again.
  record: () => Promise<void>;
};

export async function applyRelease(
  releaseId: string,
  hooks: ReleaseHooks = {},
  preloaded?: Preloaded,
): Promise<ApplyOutcome> {
  const release = preloaded?.release ?? (await loadRunnableRelease(releaseId));
  const operation = release.kind === "scale" || release.kind === "restart";
  const stored = preloaded?.objects ?? (await loadManifest(release.manifestHash));
  // A canary's rule stays while the stable app is released (issue 14).
  const objects = operation ? stored : await withCanaryRule(release, stored);
  const steps: ApplyStep[] = operation
    ? []
    : objectsToSend(release, objects).map((object) => ({ ...refOf(object), action: "not_reached" as const }));
  let left: Left = {};
  // Objects may take a while each (timeouts), longer than the lease: keep it.
  const lease = setInterval(() => void renewLease(release.id).catch(() => undefined), (LEASE_SECONDS * 1_000) / 3);
  lease.unref();
  try {
    const client = clusterFor(release.environment);
    left = operation
      ? await applyOperation(client, release, objects)
      : await applyManifest(client, release, objects, steps, hooks);
  } catch (error) {
    const mapped = error instanceof ApplyConflictError ? error : toKubeError(error, release.environment.name);
    if (!steps.some((step) => step.action === "failed")) {
      const index = steps.findIndex((step) => step.action === "not_reached");
      if (index !== -1) steps[index] = { ...steps[index]!, action: "failed", error: mapped.message };
    }
    await finishRelease(release.id, {
      status: "failed",
      error: failedApply(mapped.message, steps, operation),
      errorMessage: failedApplyMessage(mapped.message, steps, operation),
      applied: { steps, ...(error instanceof ApplyConflictError ? { conflicts: error.conflicts } : {}) },
    });
    return { outcome: "failed", record: async () => {} };
  } finally {
    clearInterval(lease);
  }
  const appliedEvent = {
    reason: "Applied",
    ...(operation
      ? describeOperation(release.operation as ScaleOperation | RestartOperation)
      : objectsApplied(steps.filter((s) => s.action === "applied").length)),
  };
  if (!mainDeployment(objects)) {
    await updateRelease(release.id, { applied: { steps } }, appliedEvent);
    await finishRelease(release.id, { status: "succeeded" });
    return { outcome: "done", record: async () => {} };
  }
  return {
    outcome: "follow",
    record: () => recordApplied(release.id, { steps, ...left }, appliedEvent),
  };
}
