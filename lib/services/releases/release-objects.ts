import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import { db } from "@/lib/db";
import { canonicalJson } from "@/lib/diff/canonical-json";
import { immutableCache } from "@/lib/immutable-cache";
import { applyOrder, refKey, refOf, type ObjectRef } from "@/lib/kube/apply-objects";
import { changeCause } from "./release-messages";

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

export function mainDeployment(objects: KubernetesObject[]): KubernetesObject | undefined {
  return objects.find((object) => object.kind === "Deployment");
}

export function hasAutoscaler(objects: KubernetesObject[]): boolean {
  return objects.some((object) => object.kind === "HorizontalPodAutoscaler");
}

type CauseOf = Parameters<typeof changeCause>[0];

// Exactly what goes to the API server for a release's objects, in order: the deploy, the
// rollback and the preview of a deploy all send these, so the preview meets every conflict the
// deploy will meet. `kubectl rollout history` shows the Deployment's change-cause, copied to
// each ReplicaSet.
export function objectsToSend(release: CauseOf, objects: KubernetesObject[]): KubernetesObject[] {
  const cause = changeCause(release);
  return applyOrder(
    objects.map((object) =>
      object.kind === "Deployment" || object.kind === "StatefulSet"
        ? {
            ...object,
            metadata: {
              ...object.metadata,
              annotations: { ...object.metadata?.annotations, "kubernetes.io/change-cause": cause },
            },
          }
        : object,
    ),
  );
}

// The pod template as the API server holds it after our change: the follower compares later
// versions with it to notice someone else rolling out a different template.
export function templateOf(deployment: KubernetesObject): string {
  return canonicalJson((deployment as { spec?: { template?: unknown } }).spec?.template ?? {});
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
