import "server-only";
import { db } from "@/lib/db";
import { toYaml } from "@/lib/templates/to-yaml";
import type { PodLine, RolloutProgress } from "@/lib/kube/rollout-status";
import type { ApplyStep, FieldConflict } from "@/lib/kube/apply-objects";
import { loadReadableManifest } from "./manifest-store";

export type ReleaseTimelineEntry = {
  id: string;
  at: string;
  source: string;
  type: string;
  reason: string;
  object: string | null;
  message: string;
};

// What the release page and its live stream show: the same shape from the page and from SSE.
export type ReleaseLiveState = {
  id: string;
  status: string;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  kubeRevision: number | null;
  rollout: RolloutProgress | null;
  pods: PodLine[];
  steps: ApplyStep[];
  conflicts: FieldConflict[];
  timeline: ReleaseTimelineEntry[];
};

export async function releaseLiveState(id: string, afterEventId?: string): Promise<ReleaseLiveState | null> {
  const release = await db.release.findUnique({ where: { id } });
  if (!release) return null;
  const events = await db.releaseEvent.findMany({
    where: { releaseId: id, ...(afterEventId ? { id: { gt: BigInt(afterEventId) } } : {}) },
    orderBy: { id: "asc" },
    take: 500,
  });
  const progress = release.progress as { rollout?: RolloutProgress; pods?: PodLine[] } | null;
  const applied = release.applied as { steps?: ApplyStep[]; conflicts?: FieldConflict[] } | null;
  return {
    id: release.id,
    status: release.status,
    error: release.error,
    startedAt: release.startedAt?.toISOString() ?? null,
    finishedAt: release.finishedAt?.toISOString() ?? null,
    kubeRevision: release.kubeRevision,
    rollout: progress?.rollout ?? null,
    pods: progress?.pods ?? [],
    steps: applied?.steps ?? [],
    conflicts: applied?.conflicts ?? [],
    timeline: events.map((event) => ({
      id: event.id.toString(),
      at: event.at.toISOString(),
      source: event.source,
      type: event.type,
      reason: event.reason,
      object: event.object,
      message: event.message,
    })),
  };
}

export async function getRelease(id: string) {
  const release = await db.release.findUnique({
    where: { id },
    include: {
      app: { include: { team: true } },
      environment: true,
      rollbackOf: { select: { id: true, number: true } },
      request: true,
    },
  });
  if (!release) return null;
  const latest = await db.release.findFirst({
    where: { appId: release.appId, environmentId: release.environmentId },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  return {
    release,
    isLatest: latest?.id === release.id,
    yaml: toYaml(await loadReadableManifest(release.manifestHash)),
  };
}
