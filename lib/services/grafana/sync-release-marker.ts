import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { openSecret } from "@/lib/crypto/keys";
import { releaseAnnotation } from "@/lib/grafana/release-annotation";
import { slipwayUrl } from "@/lib/grafana/slipway-url";
import { createAnnotation, updateAnnotation } from "@/lib/integrations/grafana/annotations";
import { GrafanaError } from "@/lib/integrations/grafana/grafana-http";
import { grafanaTokenPlace } from "./grafana-settings-view";

export type MarkerOutcome = "skipped" | "unchanged" | "posted" | "updated";

// Makes Grafana's marker of a release match the release: posted once it started (a point), its
// end added once it ended (a region), posted whole if both come at once. Safe to run again at
// any time; runs one at a time per release (the job's singleton key). A Grafana that does not
// answer is recorded on the marker and thrown, for the job queue to retry later.
export async function syncReleaseMarker(releaseId: string): Promise<MarkerOutcome> {
  const release = await db.release.findUnique({
    where: { id: releaseId },
    include: {
      app: { select: { name: true, team: { select: { name: true } } } },
      environment: { select: { name: true, grafana: { select: { baseUrl: true, tokenEncrypted: true } } } },
      grafanaMarker: true,
    },
  });
  const grafana = release?.environment.grafana;
  if (!release || !grafana?.tokenEncrypted) return "skipped";
  const marker = release.grafanaMarker;
  const ended = release.finishedAt !== null;
  if (marker?.annotationId != null && (marker.endMarked || !ended)) return "unchanged";
  const annotation = releaseAnnotation(
    { ...release, app: release.app.name, team: release.app.team.name, environment: release.environment.name },
    slipwayUrl(),
  );
  const target = {
    baseUrl: grafana.baseUrl,
    token: openSecret(grafana.tokenEncrypted, grafanaTokenPlace(release.environmentId)),
  };
  try {
    if (
      marker?.annotationId != null &&
      (await updateAnnotation(target, marker.annotationId, annotation)) === "updated"
    ) {
      await record(releaseId, { annotationId: marker.annotationId, endMarked: true, lastError: null });
      return "updated";
    }
    const id = await createAnnotation(target, annotation);
    await record(releaseId, { annotationId: BigInt(id), endMarked: ended, lastError: null });
    return "posted";
  } catch (error) {
    if (error instanceof GrafanaError) {
      await record(releaseId, { lastError: error.problem as Prisma.InputJsonValue, attempts: { increment: 1 } });
    }
    throw error;
  }
}

async function record(
  releaseId: string,
  data: {
    annotationId?: bigint;
    endMarked?: boolean;
    lastError: Prisma.InputJsonValue | null;
    attempts?: { increment: number };
  },
): Promise<void> {
  const { attempts, lastError, ...rest } = data;
  const fields = { ...rest, lastError: lastError ?? Prisma.DbNull, lastAttemptAt: new Date() };
  await db.grafanaMarker.upsert({
    where: { releaseId },
    create: { releaseId, ...fields, attempts: attempts ? 1 : 0 },
    update: { ...fields, ...(attempts ? { attempts } : {}) },
  });
}
