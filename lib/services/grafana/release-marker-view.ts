import "server-only";
import { db } from "@/lib/db";
import type { GrafanaProblem } from "@/lib/grafana/problems";

export type ReleaseMarkerView =
  | { state: "queued" }
  | { state: "point" | "region"; annotationId: string }
  | { state: "retrying"; attempts: number; at: Date; problem: GrafanaProblem };

// Where a release's Grafana marker is, for the release page: nothing when its environment
// posts no markers and none was posted.
export async function releaseMarkerView(releaseId: string, environmentId: string): Promise<ReleaseMarkerView | null> {
  const [marker, grafana] = await Promise.all([
    db.grafanaMarker.findUnique({ where: { releaseId } }),
    db.environmentGrafana.findUnique({ where: { environmentId }, select: { tokenEncrypted: true } }),
  ]);
  if (marker?.lastError && marker.lastAttemptAt) {
    return {
      state: "retrying",
      attempts: marker.attempts,
      at: marker.lastAttemptAt,
      problem: marker.lastError as GrafanaProblem,
    };
  }
  if (marker?.annotationId != null) {
    return { state: marker.endMarked ? "region" : "point", annotationId: marker.annotationId.toString() };
  }
  return grafana?.tokenEncrypted ? { state: "queued" } : null;
}
