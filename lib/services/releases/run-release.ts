import "server-only";
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import { db } from "@/lib/db";
import { clusterFor, type KubeClient } from "@/lib/kube/client";
import { KubeError, toKubeError } from "@/lib/kube/errors";
import { canonicalJson } from "@/lib/diff/canonical-json";
import { immutableCache } from "@/lib/immutable-cache";
import {
  ApplyConflictError,
  FIELD_MANAGER,
  applyObject,
  applyOrder,
  applyStages,
  deleteObject,
  ensureNamespace,
  findLeftovers,
  refKey,
  refOf,
  type ApplyStep,
  type ObjectRef,
} from "@/lib/kube/apply-objects";
import { loadManifest } from "./manifest-store";
import { addReleaseEvent, finishRelease, LEASE_MS, updateRelease } from "./release-store";

export type ReleaseHooks = {
  // Called after each object is applied; tests use it to stop the API server part-way.
  afterObject?: (ref: ObjectRef, index: number) => Promise<void>;
};

export type ScaleOperation = { replicas: number } | { autoscaling: { min: number; max: number } };
export type RestartOperation = { restartedAt: string };

export async function loadRunnableRelease(releaseId: string) {
  return db.release.findUniqueOrThrow({
    where: { id: releaseId },
    include: { app: { include: { team: true } }, environment: true },
  });
}
export type RunnableRelease = Awaited<ReturnType<typeof loadRunnableRelease>>;

// The app.kubernetes.io/instance label of an app in an environment.
export function instanceOf(target: { app: { name: string }; environment: { name: string } }): string {
  return `${target.app.name}-${target.environment.name}`;
}

export function changeCause(release: RunnableRelease): string {
  const what = release.image ? ` ${release.image}` : "";
  const note = release.description ? `: ${release.description}` : "";
  return `Slipway #${release.number} ${release.kind}${what} by ${release.actorLabel}${note}`;
}

// `kubectl rollout history` shows the Deployment's change-cause, copied to each ReplicaSet.
function withChangeCause(objects: KubernetesObject[], cause: string): KubernetesObject[] {
  return objects.map((object) =>
    object.kind === "Deployment" || object.kind === "StatefulSet"
      ? {
          ...object,
          metadata: {
            ...object.metadata,
            annotations: { ...object.metadata?.annotations, "kubernetes.io/change-cause": cause },
          },
        }
      : object,
  );
}

export function mainDeployment(objects: KubernetesObject[]): KubernetesObject | undefined {
  return objects.find((object) => object.kind === "Deployment");
}

// The objects of a stored manifest, as references. Manifests never change (they are keyed by
// their content), so each process keeps the references it has read.
const manifestRefs = immutableCache<ObjectRef[]>(1_000);

async function refsOfManifests(hashes: string[]): Promise<ObjectRef[][]> {
  const missing = hashes.filter((hash) => !manifestRefs.has(hash));
  if (missing.length > 0) {
    const rows = await db.manifest.findMany({
      where: { hash: { in: missing } },
      select: { hash: true, objects: true },
    });
    for (const row of rows) manifestRefs.set(row.hash, (JSON.parse(row.objects) as KubernetesObject[]).map(refOf));
  }
  return hashes.map((hash) => manifestRefs.get(hash) ?? []);
}

// Objects that earlier releases put there and this one no longer has. Their kinds are listed by
// the app's instance and managed-by labels, so an object of such a kind left behind by any
// earlier release is found too.
export async function removedKinds(
  scope: { appId: string; environmentId: string; before?: number },
  keep: ObjectRef[],
): Promise<{ apiVersion: string; kind: string }[]> {
  const earlier = await db.release.findMany({
    where: {
      appId: scope.appId,
      environmentId: scope.environmentId,
      ...(scope.before !== undefined ? { number: { lt: scope.before } } : {}),
    },
    orderBy: { number: "desc" },
    take: 5,
    select: { manifestHash: true },
  });
  const wanted = new Set(keep.map(refKey));
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  for (const refs of await refsOfManifests([...new Set(earlier.map((release) => release.manifestHash))]))
    for (const ref of refs)
      if (!wanted.has(refKey(ref)))
        kinds.set(`${ref.apiVersion}/${ref.kind}`, { apiVersion: ref.apiVersion, kind: ref.kind });
  return [...kinds.values()];
}

async function applyManifest(
  client: KubeClient,
  release: RunnableRelease,
  objects: KubernetesObject[],
  steps: ApplyStep[],
  hooks: ReleaseHooks,
): Promise<string | undefined> {
  const ordered = applyOrder(withChangeCause(objects, changeCause(release)));
  let template: string | undefined;
  const namespaces = new Set(ordered.map((object) => object.metadata?.namespace).filter(Boolean) as string[]);
  // Read while the objects go out; only needed once they are applied.
  const earlierKinds = removedKinds(
    { appId: release.appId, environmentId: release.environmentId, before: release.number },
    ordered.map(refOf),
  );
  earlierKinds.catch(() => undefined);
  const main = mainDeployment(ordered)?.metadata?.name;
  const remember = (applied: KubernetesObject) => {
    if (applied.kind === "Deployment" && applied.metadata?.name === main) template = templateOf(applied);
  };
  // The namespace is created when the first apply finds it missing, not looked up every time.
  const apply = async (object: KubernetesObject) => {
    try {
      remember(await applyObject(client, object, { force: release.takeOver }));
    } catch (error) {
      const namespace = object.metadata?.namespace;
      if (!(error instanceof KubeError && error.kind === "not_found" && namespace)) throw error;
      if (!error.message.includes(`namespaces "${namespace}" not found`)) throw error;
      if ((await ensureNamespace(client, namespace)) === "created")
        await addReleaseEvent(release.id, { reason: "NamespaceCreated", message: `Namespace ${namespace} created` });
      remember(await applyObject(client, object, { force: release.takeOver }));
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
        message: `${ref.kind} ${ref.name} is no longer part of the app and was deleted`,
      });
    }
  }
  return template;
}

// The pod template as the API server holds it after our change: the follower compares later
// versions with it to notice someone else rolling out a different template.
function templateOf(deployment: KubernetesObject): string {
  return canonicalJson((deployment as { spec?: { template?: unknown } }).spec?.template ?? {});
}

async function applyOperation(
  client: KubeClient,
  release: RunnableRelease,
  objects: KubernetesObject[],
): Promise<string | undefined> {
  const deployment = mainDeployment(objects);
  const name = deployment?.metadata?.name ?? release.app.name;
  const namespace = deployment?.metadata?.namespace ?? "default";
  const operation = release.operation as ScaleOperation | RestartOperation;
  if ("replicas" in operation) {
    await client.call((c) =>
      c.apps.patchNamespacedDeploymentScale({
        name,
        namespace,
        fieldManager: FIELD_MANAGER,
        body: [{ op: "replace", path: "/spec/replicas", value: operation.replicas }],
      }),
    );
    return undefined;
  }
  if ("autoscaling" in operation) {
    await client.call((c) =>
      c.autoscaling.patchNamespacedHorizontalPodAutoscaler({
        name,
        namespace,
        fieldManager: FIELD_MANAGER,
        body: [
          { op: "replace", path: "/spec/minReplicas", value: operation.autoscaling.min },
          { op: "replace", path: "/spec/maxReplicas", value: operation.autoscaling.max },
        ],
      }),
    );
    return undefined;
  }
  return templateOf(
    await client.call((c) =>
      c.objects.patch(
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: {
            name,
            namespace,
            annotations: { "kubernetes.io/change-cause": changeCause(release) },
          },
          spec: {
            template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": operation.restartedAt } } },
          },
        } as KubernetesObject,
        undefined,
        undefined,
        FIELD_MANAGER,
        undefined,
        PatchStrategy.StrategicMergePatch,
      ),
    ),
  );
}

// The part of a release that changes the cluster. Ends with the release progressing (a
// Deployment to follow), succeeded (nothing to wait for) or failed, with the list of what was
// and was not applied. Applying again is harmless (server-side apply is idempotent), which is
// how a release interrupted by a restart of Slipway is resumed.
export type Preloaded = { release: RunnableRelease; objects: KubernetesObject[] };

export type ApplyOutcome = {
  outcome: "follow" | "done" | "failed";
  // Writes the bookkeeping after a successful apply (status progressing, the objects applied).
  // The caller may answer first and call it after: a crash in between leaves the release
  // applying, which the release worker applies again.
  record: () => Promise<void>;
};

export async function applyRelease(
  releaseId: string,
  hooks: ReleaseHooks = {},
  preloaded?: Preloaded,
): Promise<ApplyOutcome> {
  const release = preloaded?.release ?? (await loadRunnableRelease(releaseId));
  const objects = preloaded?.objects ?? (await loadManifest(release.manifestHash));
  const operation = release.kind === "scale" || release.kind === "restart";
  const steps: ApplyStep[] = operation
    ? []
    : applyOrder(objects).map((object) => ({ ...refOf(object), action: "not_reached" as const }));
  // A release opened just now is already applying; a resumed one says so again (and takes the lease).
  if (!preloaded) await updateRelease(release.id, { status: "applying", startedAt: release.startedAt ?? new Date() });
  let template: string | undefined;
  // Objects may take a while each (timeouts), longer than the lease: keep it.
  const lease = setInterval(() => void updateRelease(release.id, {}).catch(() => undefined), LEASE_MS / 3);
  lease.unref();
  try {
    const client = clusterFor(release.environment);
    template = operation
      ? await applyOperation(client, release, objects)
      : await applyManifest(client, release, objects, steps, hooks);
  } catch (error) {
    const mapped = error instanceof ApplyConflictError ? error : toKubeError(error, release.environment.name);
    if (!steps.some((step) => step.action === "failed")) {
      const index = steps.findIndex((step) => step.action === "not_reached");
      if (index !== -1) steps[index] = { ...steps[index]!, action: "failed", error: mapped.message };
    }
    const applied = steps.filter((step) => step.action === "applied").length;
    const summary = operation
      ? mapped.message
      : `${mapped.message}\nApplied ${applied} of ${steps.filter((s) => s.action !== "deleted").length} objects${
          applied
            ? `: ${steps
                .filter((s) => s.action === "applied")
                .map((s) => `${s.kind}/${s.name}`)
                .join(", ")}`
            : ""
        }.`;
    await finishRelease(release.id, {
      status: "failed",
      error: summary,
      applied: { steps, ...(error instanceof ApplyConflictError ? { conflicts: error.conflicts } : {}) },
    });
    return { outcome: "failed", record: async () => {} };
  } finally {
    clearInterval(lease);
  }
  const appliedEvent = {
    reason: "Applied",
    message: operation
      ? describeOperation(release)
      : `${steps.filter((s) => s.action === "applied").length} objects applied`,
  };
  if (!mainDeployment(objects)) {
    await updateRelease(release.id, { applied: { steps } }, appliedEvent);
    await finishRelease(release.id, { status: "succeeded" });
    return { outcome: "done", record: async () => {} };
  }
  return {
    outcome: "follow",
    record: () =>
      updateRelease(
        release.id,
        { status: "progressing", applied: { steps, ...(template ? { template } : {}) } },
        appliedEvent,
      ),
  };
}

function describeOperation(release: RunnableRelease): string {
  const operation = release.operation as ScaleOperation | RestartOperation;
  if ("replicas" in operation) return `Scaled to ${operation.replicas} replicas`;
  if ("autoscaling" in operation)
    return `Autoscaling set to ${operation.autoscaling.min}-${operation.autoscaling.max} replicas`;
  return `Restart requested at ${operation.restartedAt}`;
}
