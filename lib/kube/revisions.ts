import "server-only";
import type { V1ReplicaSet } from "@kubernetes/client-node";

export type KubeRevision = {
  revision: number;
  replicaSet: string;
  images: string[];
  replicas: number;
  ready: number;
  changeCause: string | null;
  createdAt: string | null;
};

// One revision of a Deployment as Kubernetes keeps it: a ReplicaSet per pod template, numbered
// by the deployment.kubernetes.io/revision annotation (`kubectl rollout history`).
export function revisionOf(rs: V1ReplicaSet): KubeRevision {
  return {
    revision: Number(rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? 0),
    replicaSet: rs.metadata?.name ?? "?",
    images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? "?"),
    replicas: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    changeCause: rs.metadata?.annotations?.["kubernetes.io/change-cause"] ?? null,
    createdAt: rs.metadata?.creationTimestamp ? new Date(rs.metadata.creationTimestamp).toISOString() : null,
  };
}
