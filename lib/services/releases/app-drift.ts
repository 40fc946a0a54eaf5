import "server-only";
import { observeTarget, readCluster, type ClusterRead } from "@/lib/services/observe/observe-target";
import { detectDrift, type Drift } from "./detect-drift";

// What of the app's last succeeded release the cluster no longer has, for the app page; or
// what the cluster answered instead.
export async function appDrift(appId: string, environmentId: string): Promise<ClusterRead<Drift | null>> {
  const target = await observeTarget(appId, environmentId);
  return readCluster(target, (client) => detectDrift(client, appId, environmentId));
}
