import "server-only";
import type { KubeClient } from "./client";

export type KubeRevision = {
  revision: number;
  replicaSet: string;
  images: string[];
  replicas: number;
  ready: number;
  changeCause: string | null;
  createdAt: string | null;
};

// The Deployment's revision history as Kubernetes keeps it: one ReplicaSet per pod template,
// numbered by the deployment.kubernetes.io/revision annotation, newest first.
export async function listRevisions(client: KubeClient, namespace: string, selector: string): Promise<KubeRevision[]> {
  const list = await client.call((c) => c.apps.listNamespacedReplicaSet({ namespace, labelSelector: selector }));
  return list.items
    .map((rs) => ({
      revision: Number(rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? 0),
      replicaSet: rs.metadata?.name ?? "?",
      images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? "?"),
      replicas: rs.status?.replicas ?? 0,
      ready: rs.status?.readyReplicas ?? 0,
      changeCause: rs.metadata?.annotations?.["kubernetes.io/change-cause"] ?? null,
      createdAt: rs.metadata?.creationTimestamp ? new Date(rs.metadata.creationTimestamp).toISOString() : null,
    }))
    .sort((a, b) => b.revision - a.revision);
}
