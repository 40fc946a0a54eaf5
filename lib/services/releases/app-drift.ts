import "server-only";
import type { SlimDeployment } from "@/lib/kube/watch-cache/kinds";
import { observeTarget, readCluster, type ClusterRead } from "@/lib/services/observe/observe-target";
import { readCaches } from "@/lib/services/observe/read-caches";
import { compareWithCluster, driftBasis, type DriftBasis, type Drift } from "./detect-drift";

// The app page shows drift on every view, but a view does not ask the cluster: the last check
// of each app and environment is kept, and checked again only when
// - another release succeeded (the basis changed),
// - the namespace's Deployments cache saw one of the release's Deployments change (an edit, a
//   scale, a deletion: generation, replicas or pod template), or
// - it is older than RECHECK_MS, for what no cache watches (a deleted ConfigMap or Service, a
//   StatefulSet).
// A check reads each object of the release once; the views in between send no request.
export const RECHECK_MS = 60_000;
const KEPT_CHECKS = 2_000;

type Kept = { basis: string; checkedAt: number; drift: Promise<ClusterRead<Drift | null>> };

const globalForDrift = globalThis as unknown as { slipwayDriftChecks?: Map<string, Kept> };
const kept = (globalForDrift.slipwayDriftChecks ??= new Map());

// What the Deployments cache says of the release's Deployments; "" for none.
function deploymentsSeen(basis: DriftBasis, deployments: ReadonlyMap<string, SlimDeployment>): string {
  return basis.objects
    .filter((object) => object.kind === "Deployment")
    .map((object) => {
      const name = object.metadata?.name ?? "";
      const live = deployments.get(name);
      return live ? `${name}:${live.generation}:${live.desired}:${live.templateHash}` : `${name}:-`;
    })
    .join(",");
}

// What of the app's last succeeded release the cluster no longer has, for the app page; or
// what the cluster answered instead. `now` is for tests of the recheck.
export async function appDrift(
  appId: string,
  environmentId: string,
  now = Date.now(),
): Promise<ClusterRead<Drift | null>> {
  const [target, basis] = await Promise.all([observeTarget(appId, environmentId), driftBasis(appId, environmentId)]);
  const id = `${appId}/${environmentId}`;
  if (!basis) {
    kept.delete(id);
    return { ok: true, value: null };
  }
  const seen = await readCaches(target, ["deployments"], (objects) => deploymentsSeen(basis, objects("deployments")));
  // Without a synced cache nothing says the cluster is unchanged: read it, keep nothing.
  if (!seen.ok) return readCluster(target, (client) => compareWithCluster(client, basis));
  const key = `${basis.number}|${seen.value}`;
  const last = kept.get(id);
  if (last && last.basis === key && now - last.checkedAt < RECHECK_MS) return last.drift;

  // Views at the same moment share one check; a failed check is not kept.
  const drift = readCluster(target, (client) => compareWithCluster(client, basis));
  kept.delete(id);
  kept.set(id, { basis: key, checkedAt: now, drift });
  if (kept.size > KEPT_CHECKS) kept.delete(kept.keys().next().value!);
  void drift.then((read) => {
    if (!read.ok && kept.get(id)?.drift === drift) kept.delete(id);
  });
  return drift;
}
