import "server-only";
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeClient } from "./client";
import { KubeError, toKubeError } from "./errors";

export type ObjectRef = { apiVersion: string; kind: string; name: string; namespace?: string };

// One line of "what was and was not applied": the release record keeps the list.
export type ApplyStep = ObjectRef & {
  action: "applied" | "deleted" | "failed" | "not_reached";
  error?: string;
};

// Another field manager owns a field Slipway wants to set (someone ran `kubectl edit`).
export type FieldConflict = { kind: string; name: string; manager: string; field: string };

export class ApplyConflictError extends KubeError {
  constructor(
    environment: string,
    readonly conflicts: FieldConflict[],
  ) {
    super(
      "conflict",
      `${environment}: ${conflicts
        .map((c) => `${c.kind}/${c.name} ${c.field} is managed by "${c.manager}"`)
        .join("; ")}. Take over to overwrite.`,
      { status: 409, reason: "Conflict" },
    );
    this.name = "ApplyConflictError";
  }
}

export const FIELD_MANAGER = "slipway";

export function refOf(object: KubernetesObject): ObjectRef {
  return {
    apiVersion: object.apiVersion ?? "v1",
    kind: object.kind ?? "?",
    name: object.metadata?.name ?? "?",
    ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

export function refKey(ref: ObjectRef): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}

// Configuration before the workloads that mount it, workloads before what routes to them, so a
// failure part-way leaves nothing pointing at objects that do not exist yet.
const ORDER = [
  "Namespace",
  "ServiceAccount",
  "ConfigMap",
  "Secret",
  "PersistentVolumeClaim",
  "Service",
  "Deployment",
  "StatefulSet",
  "CronJob",
  "Job",
  "HorizontalPodAutoscaler",
  "PodDisruptionBudget",
  "Ingress",
  "HTTPRoute",
];

// Stages of applyOrder's list that go out in parallel: first what pods read when they start
// (config, secrets, volumes, the namespace's account), then everything else. Kubernetes lets an
// Ingress, an HPA or a Service name a workload that does not exist yet, but a pod started
// before its ConfigMap fails with CreateContainerConfigError.
const MOUNTED = ORDER.indexOf("PersistentVolumeClaim");

export function applyStages(ordered: KubernetesObject[]): KubernetesObject[][] {
  const first: KubernetesObject[] = [];
  const rest: KubernetesObject[] = [];
  for (const object of ordered) {
    const rank = ORDER.indexOf(object.kind ?? "");
    (rank !== -1 && rank <= MOUNTED ? first : rest).push(object);
  }
  return [first, rest].filter((stage) => stage.length > 0);
}

export function applyOrder(objects: KubernetesObject[]): KubernetesObject[] {
  const rank = (object: KubernetesObject) => {
    const index = ORDER.indexOf(object.kind ?? "");
    return index === -1 ? ORDER.length : index;
  };
  return [...objects].sort((a, b) => rank(a) - rank(b));
}

// Server-side apply of one object as Slipway. Without `force`, fields owned by another manager
// are a conflict (ApplyConflictError naming them); with it, Slipway takes them over.
export async function applyObject(
  client: KubeClient,
  object: KubernetesObject,
  options: { force?: boolean; dryRun?: boolean } = {},
): Promise<KubernetesObject> {
  try {
    return await client.call((c) =>
      c.objects.patch(
        object,
        undefined,
        options.dryRun ? "All" : undefined,
        FIELD_MANAGER,
        options.force ?? false,
        PatchStrategy.ServerSideApply,
      ),
    );
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    const conflicts = mapped.details.conflicts ?? [];
    if (conflicts.length === 0) throw mapped;
    const { kind = "?", metadata } = object;
    throw new ApplyConflictError(
      client.environment,
      conflicts.map((conflict) => ({ kind, name: metadata?.name ?? "?", ...conflict })),
    );
  }
}

// Slipway may create namespaces but not change them (its RBAC has no patch on namespaces).
export async function ensureNamespace(client: KubeClient, name: string): Promise<"exists" | "created"> {
  try {
    await client.call((c) => c.core.readNamespace({ name }));
    return "exists";
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind !== "not_found") throw mapped;
  }
  try {
    await client.call((c) => c.core.createNamespace({ body: { metadata: { name } } }));
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind !== "conflict") throw mapped;
  }
  return "created";
}

export async function readLive(client: KubeClient, ref: ObjectRef): Promise<KubernetesObject | null> {
  try {
    return await client.call((c) =>
      c.objects.read({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
      }),
    );
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind === "not_found") return null;
    throw mapped;
  }
}

// Objects carrying the app's instance label and Slipway's managed-by label, of the kinds
// given, that are not in `keep`: what a release must delete so nothing is left behind.
export async function findLeftovers(
  client: KubeClient,
  namespace: string,
  instance: string,
  kinds: { apiVersion: string; kind: string }[],
  keep: ObjectRef[],
): Promise<ObjectRef[]> {
  const wanted = new Set(keep.map(refKey));
  const selector = `app.kubernetes.io/instance=${instance},app.kubernetes.io/managed-by=slipway`;
  const leftovers: ObjectRef[] = [];
  for (const { apiVersion, kind } of kinds) {
    let list;
    try {
      list = await client.call((c) =>
        c.objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, selector),
      );
    } catch (error) {
      const mapped = toKubeError(error, client.environment);
      if (mapped.kind === "not_found") continue;
      throw mapped;
    }
    for (const item of list.items) {
      // Objects a controller made from ours (ReplicaSets, Jobs of a CronJob) are not ours to delete.
      if (item.metadata?.ownerReferences?.length) continue;
      const ref = refOf({ ...item, apiVersion, kind });
      if (!wanted.has(refKey(ref))) leftovers.push(ref);
    }
  }
  return leftovers;
}

export async function deleteObject(client: KubeClient, ref: ObjectRef): Promise<void> {
  try {
    await client.call((c) =>
      c.objects.delete(
        {
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        "Background",
      ),
    );
  } catch (error) {
    const mapped = toKubeError(error, client.environment);
    if (mapped.kind !== "not_found") throw mapped;
  }
}
