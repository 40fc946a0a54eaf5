import "server-only";
import type { Tx } from "@/lib/db";
import { releaseMarkerJob } from "@/lib/grafana/jobs";
import { sendJob } from "@/lib/jobs/send-job";
import { grafanaConfigSummary } from "./grafana-config-cache";

// Queues the marker job of a release that opened or ended, in that transaction: the job exists
// exactly when the change does. Nothing is queued where the environment posts no markers.
export async function queueReleaseMarker(tx: Tx, releaseId: string, environmentId?: string): Promise<void> {
  const { markerEnvironmentIds } = await grafanaConfigSummary();
  if (markerEnvironmentIds.size === 0) return;
  const environment =
    environmentId ??
    (await tx.release.findUnique({ where: { id: releaseId }, select: { environmentId: true } }))?.environmentId;
  if (!environment || !markerEnvironmentIds.has(environment)) return;
  await sendJob(releaseMarkerJob, { releaseId }, { tx, singletonKey: releaseId });
}
