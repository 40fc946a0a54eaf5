import "server-only";
import { defineJob } from "@/lib/jobs/define-job";
import { syncReleaseMarker } from "@/lib/services/grafana/sync-release-marker";

// Posts or completes a release's marker in its environment's Grafana. One at a time per release
// (singleton, keyed by the release); while Grafana does not answer, retried with backoff for
// about two hours (30 s doubling to 15 min), each attempt recorded on the marker.
export const releaseMarkerJob = defineJob<{ releaseId: string }>(
  "grafana-release-marker",
  {
    policy: "singleton",
    retryLimit: 10,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 900,
    expireInSeconds: 120,
  },
  async ({ releaseId }) => {
    await syncReleaseMarker(releaseId);
  },
);
