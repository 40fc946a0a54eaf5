import "server-only";
import { PatchStrategy, setHeaderOptions, type KubernetesObject, type V1Deployment } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "./apply-objects";
import type { KubeClient } from "./client";

export type DeploymentRef = { name: string; namespace: string };

// Scale through the scale subresource: only the replica count changes, whoever wrote the rest.
// Returns the Deployment's generation afterwards, read back since the Scale answered carries
// none (the release follower waits for a state at least that new).
export async function scaleDeployment(client: KubeClient, ref: DeploymentRef, replicas: number): Promise<number> {
  await client.call((c) =>
    c.apps.patchNamespacedDeploymentScale(
      { ...ref, fieldManager: FIELD_MANAGER, body: [{ op: "replace", path: "/spec/replicas", value: replicas }] },
      setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
    ),
  );
  const scaled = await client.call((c) => c.apps.readNamespacedDeployment(ref));
  return scaled.metadata?.generation ?? 0;
}

// What `kubectl rollout restart` does: a new restartedAt on the pod template rolls every pod.
// The change-cause names the release for `kubectl rollout history`. Returns the Deployment as
// the API server holds it afterwards.
export async function restartDeployment(
  client: KubeClient,
  ref: DeploymentRef,
  change: { restartedAt: string; changeCause: string },
): Promise<V1Deployment> {
  return client.call((c) =>
    c.objects.patch(
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { ...ref, annotations: { "kubernetes.io/change-cause": change.changeCause } },
        spec: {
          template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": change.restartedAt } } },
        },
      } as KubernetesObject,
      undefined,
      undefined,
      FIELD_MANAGER,
      undefined,
      PatchStrategy.StrategicMergePatch,
    ),
  ) as Promise<V1Deployment>;
}
