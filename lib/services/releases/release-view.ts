import "server-only";
import { db } from "@/lib/db";
import { toYaml } from "@/lib/templates/to-yaml";
import type { PodLine, RolloutProgress } from "@/lib/kube/rollout-status";
import type { ApplyStep, FieldConflict } from "@/lib/kube/apply-objects";
import { STABLE_KINDS } from "@/lib/services/canary/canary-state";
import { loadReadableManifest } from "./manifest-store";

export type ReleaseTimelineEntry = {
  id: string;
  at: string;
  source: string;
  type: string;
  reason: string;
  object: string | null;
  message: string;
  // Slipway's own entries as a message key with values (lib/i18n/stored-message.ts).
  messageData: unknown;
};

// What the release page and its live stream show: the same shape from the page and from SSE.
export type ReleaseLiveState = {
  id: string;
  status: string;
  error: string | null;
  errorMessage: unknown;
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
  // Both at once (a live page reads this on every change): the release's live columns only, and
  // its timeline after what the reader has.
  const [release, events] = await Promise.all([
    db.release.findUnique({
      where: { id },
      select: {
        id: true,
        status: true,
        error: true,
        errorMessage: true,
        startedAt: true,
        finishedAt: true,
        kubeRevision: true,
        progress: true,
        applied: true,
      },
    }),
    db.releaseEvent.findMany({
      where: { releaseId: id, ...(afterEventId ? { id: { gt: BigInt(afterEventId) } } : {}) },
      orderBy: { id: "asc" },
      take: 500,
    }),
  ]);
  if (!release) return null;
  const progress = release.progress as { rollout?: RolloutProgress; pods?: PodLine[] } | null;
  const applied = release.applied as { steps?: ApplyStep[]; conflicts?: FieldConflict[] } | null;
  return {
    id: release.id,
    status: release.status,
    error: release.error,
    errorMessage: release.errorMessage,
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
      messageData: event.messageData,
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
  // What runs there now: the last succeeded release.
  const current = await db.release.findFirst({
    where: {
      appId: release.appId,
      environmentId: release.environmentId,
      status: "succeeded",
      kind: { in: [...STABLE_KINDS] },
    },
    orderBy: { number: "desc" },
    select: { id: true, manifestHash: true },
  });
  return {
    release,
    current,
    yaml: toYaml(await loadReadableManifest(release.manifestHash)),
  };
}
