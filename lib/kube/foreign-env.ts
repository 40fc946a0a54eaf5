import "server-only";
import { PatchStrategy, setHeaderOptions, type KubernetesObject, type V1Container } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "./apply-objects";
import type { KubeClient } from "./client";

type Workload = KubernetesObject & { spec?: { template?: { spec?: { containers?: V1Container[] } } } };

const WORKLOADS = new Set(["Deployment", "StatefulSet"]);

// Env vars someone else added (`kubectl set env`) to a container the release defines. Server-side
// apply keeps them, since they are another manager's fields, so a release would not run the
// pod template it records; the release defines its containers' env and they go.
type Found = { container: number; env: number; name: string };

function foreignEnv(wanted: Workload, applied: Workload): Found[] {
  const found: Found[] = [];
  const defined = new Map((wanted.spec?.template?.spec?.containers ?? []).map((c) => [c.name, c]));
  (applied.spec?.template?.spec?.containers ?? []).forEach((container, c) => {
    const want = defined.get(container.name);
    if (!want) return;
    const names = new Set((want.env ?? []).map((variable) => variable.name));
    (container.env ?? []).forEach((variable, e) => {
      if (!names.has(variable.name)) found.push({ container: c, env: e, name: variable.name });
    });
  });
  return found;
}

// The workload as the apply left it, without env vars its release does not define: removed with
// a JSON patch that first tests each entry's name (the controller writes the status meanwhile, so
// the resourceVersion is no guard), or, for a dry run, only in the copy returned (what the
// preview shows).
export async function dropForeignEnv(
  client: KubeClient,
  wanted: KubernetesObject,
  applied: KubernetesObject,
  dryRun: boolean,
): Promise<KubernetesObject> {
  if (!WORKLOADS.has(applied.kind ?? "")) return applied;
  const extra = foreignEnv(wanted as Workload, applied as Workload);
  if (extra.length === 0) return applied;
  if (dryRun) {
    const copy = structuredClone(applied) as Workload;
    for (const { container, env } of [...extra].reverse())
      copy.spec!.template!.spec!.containers![container]!.env!.splice(env, 1);
    return copy;
  }
  const at = ({ container, env }: Found) => `/spec/template/spec/containers/${container}/env/${env}`;
  // From the end, so each index still points where it did.
  const body = [...extra].reverse().flatMap((found) => [
    { op: "test", path: `${at(found)}/name`, value: found.name },
    { op: "remove", path: at(found) },
  ]);
  const ref = { name: applied.metadata?.name ?? "", namespace: applied.metadata?.namespace ?? "" };
  const headers = setHeaderOptions("Content-Type", PatchStrategy.JsonPatch);
  return client.call((c): Promise<KubernetesObject> =>
    applied.kind === "StatefulSet"
      ? c.apps.patchNamespacedStatefulSet({ ...ref, body, fieldManager: FIELD_MANAGER }, headers)
      : c.apps.patchNamespacedDeployment({ ...ref, body, fieldManager: FIELD_MANAGER }, headers),
  );
}
