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

type LiveRow = {
  id: string;
  status: ReleaseLiveState["status"];
  error: string | null;
  errorMessage: unknown;
  startedAt: Date | null;
  finishedAt: Date | null;
  kubeRevision: number | null;
  progress: { rollout?: RolloutProgress; pods?: PodLine[] } | null;
  applied: { steps?: ApplyStep[]; conflicts?: FieldConflict[] } | null;
  timeline: ReleaseTimelineEntry[];
};

// One statement (a live page reads this on every change of the release): the release's live
// columns and its timeline after the entry the reader has, at most 500 entries.
export async function releaseLiveState(id: string, afterEventId?: string): Promise<ReleaseLiveState | null> {
  const after = afterEventId ? BigInt(afterEventId) : 0n;
  const [release] = await db.$queryRaw<LiveRow[]>`
    SELECT r.id::text, r.status::text AS status, r.error, r.error_message AS "errorMessage",
      r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.kube_revision AS "kubeRevision",
      r.progress, r.applied,
      COALESCE((
        SELECT json_agg(json_build_object('id', e.id::text,
          'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'source', e.source, 'type', e.type, 'reason', e.reason, 'object', e.object, 'message', e.message,
          'messageData', e.message_data) ORDER BY e.id)
        FROM (SELECT * FROM release_events WHERE release_id = r.id AND id > ${after} ORDER BY id LIMIT 500) e
      ), '[]'::json) AS timeline
    FROM releases r WHERE r.id = ${id}::uuid`;
  if (!release) return null;
  return {
    id: release.id,
    status: release.status,
    error: release.error,
    errorMessage: release.errorMessage,
    startedAt: release.startedAt?.toISOString() ?? null,
    finishedAt: release.finishedAt?.toISOString() ?? null,
    kubeRevision: release.kubeRevision,
    rollout: release.progress?.rollout ?? null,
    pods: release.progress?.pods ?? [],
    steps: release.applied?.steps ?? [],
    conflicts: release.applied?.conflicts ?? [],
    timeline: release.timeline,
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
