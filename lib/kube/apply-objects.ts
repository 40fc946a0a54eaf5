import "server-only";
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeClient } from "./client";
import { KubeError, toKubeError } from "./errors";
import { dropForeignEnv } from "./foreign-env";

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

export type ApplyOptions = {
  // Take over fields other managers own (the user asked for it).
  takeOver?: boolean;
  dryRun?: boolean;
};

export type Applied = {
  object: KubernetesObject;
  // Fields other managers own that this apply met: taken over (takeOver), or reported by a dry
  // run as what the real apply would refuse.
  conflicts: FieldConflict[];
};

// The API server keys ownership by (manager, operation, subresource): Slipway's server-side
// apply, its scale through the scale subresource, its restart patch and whatever an earlier
// Slipway version wrote with a plain update are different owners to it, and an apply that
// changes a field one of the others holds is refused as a conflict "with slipway". Those are
// Slipway's own writes and never a reason to stop; only other managers are.
function ownConflict(conflict: FieldConflict): boolean {
  return conflict.manager === FIELD_MANAGER;
}

async function patch(client: KubeClient, object: KubernetesObject, force: boolean, dryRun: boolean) {
  try {
    return await client.call((c) =>
      c.objects.patch(
        object,
        undefined,
        dryRun ? "All" : undefined,
        FIELD_MANAGER,
        force,
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

// Server-side apply of one object as Slipway, the one path for deploys, rollbacks and their
// previews. Conflicts with Slipway's own earlier writes are taken over; fields another manager
// owns are a conflict (ApplyConflictError naming only them) unless the user takes them over. A
// dry run reports those conflicts with the object as the apply would leave it once taken over.
export async function applyObject(
  client: KubeClient,
  object: KubernetesObject,
  options: ApplyOptions = {},
): Promise<Applied> {
  const dryRun = options.dryRun ?? false;
  let applied: Applied;
  try {
    applied = { object: await patch(client, object, options.takeOver ?? false, dryRun), conflicts: [] };
  } catch (error) {
    if (!(error instanceof ApplyConflictError)) throw error;
    const foreign = error.conflicts.filter((conflict) => !ownConflict(conflict));
    if (foreign.length > 0 && !dryRun) throw new ApplyConflictError(client.environment, foreign);
    applied = { object: await patch(client, object, true, dryRun), conflicts: foreign };
  }
  return { ...applied, object: await dropForeignEnv(client, object, applied.object, dryRun) };
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
