import "server-only";
import { clusterFor, type ClusterTarget } from "@/lib/kube/client";
import { acquireCache } from "@/lib/kube/watch-cache/registry";
import type { SlimDeployment } from "@/lib/kube/watch-cache/kinds";
import { renderNamespace } from "@/lib/services/environments/environment-view";
import type { AppStatus } from "@/lib/validations/app-list";
import type { AppStatusCell } from "./app-status-sql";

export type ListCluster = ClusterTarget & { namespacePattern: string };

// The release table says what Slipway last did; a synced Deployments cache says what runs now.
// A finished release whose Deployment has fewer ready pods than desired (a crash loop, a node
// lost) or missed its progress deadline is degraded.
function liveStatus(status: AppStatus, deployment: SlimDeployment): AppStatus {
  if (status !== "healthy") return status;
  const stalled = deployment.conditions.some(
    (c) => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded",
  );
  const settled = deployment.observedGeneration >= deployment.generation;
  return stalled || (settled && deployment.ready < deployment.desired) ? "degraded" : status;
}

// Refines the cells with the pods the watch caches see now, from synced caches only: the page
// never waits for a cluster and never shows a cache's possibly stale objects as current. Each
// namespace's Deployments cache is started on this first use and kept warm by the next views.
export function withLiveCounts<Row extends { team: string; cells: AppStatusCell[]; name: string }>(
  rows: Row[],
  clusters: ListCluster[],
): Row[] {
  const byName = new Map(clusters.map((cluster) => [cluster.name, cluster]));
  const deployments = new Map<string, Map<string, SlimDeployment> | null>();
  const cacheOf = (cluster: ListCluster, team: string) => {
    const namespace = renderNamespace(cluster.namespacePattern, { team, env: cluster.name });
    const key = `${cluster.name}/${namespace}`;
    if (!deployments.has(key)) {
      try {
        const { cache, release } = acquireCache(clusterFor(cluster), "deployments", namespace);
        release();
        deployments.set(key, cache.synced ? cache.objects : null);
      } catch {
        // No usable kubeconfig: the release table's word stands.
        deployments.set(key, null);
      }
    }
    return deployments.get(key);
  };
  return rows.map((row) => ({
    ...row,
    cells: row.cells.map((cell) => {
      const cluster = byName.get(cell.environment);
      if (!cluster || cell.status === "not_deployed") return cell;
      const deployment = cacheOf(cluster, row.team)?.get(row.name);
      if (!deployment) return cell;
      return {
        ...cell,
        ready: deployment.ready,
        desired: deployment.desired,
        status: liveStatus(cell.status, deployment),
      };
    }),
  }));
}
