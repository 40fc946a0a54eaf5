import "server-only";
import type { Tx } from "@/lib/db";

export type AlertRow = {
  fingerprint: string;
  startsAt: Date;
  status: "firing" | "resolved";
  alertname: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  endsAt: Date | null;
  generatorUrl: string;
  appId: string | null;
  environmentId: string | null;
  releaseId: string | null;
};

export type StoredAlert = { id: string; index: number; event: "firing" | "resolved" | null };

// Upserts a batch by (fingerprint, startsAt) in one statement. Alertmanager repeats identical
// alerts at every flush: a row only changes when its status, end or annotations do, and
// `changed_at` (now() at the column's precision) tells whether this transaction changed its
// status. `event` says
// what people should hear about: a new or re-firing alert, or a firing one that resolved (an
// alert first seen resolved was never announced, so its end is not either; a muted one is quiet).
export async function storeAlerts(tx: Tx, rows: AlertRow[]): Promise<StoredAlert[]> {
  if (rows.length === 0) return [];
  const col = <T>(pick: (row: AlertRow) => T) => rows.map(pick);
  const changed = await tx.$queryRaw<
    {
      id: string;
      fingerprint: string;
      startsAt: Date;
      status: "firing" | "resolved";
      inserted: boolean;
      changed: boolean;
      muted: boolean;
    }[]
  >`
    INSERT INTO alerts (id, fingerprint, starts_at, status, alertname, severity, labels, annotations, ends_at,
      generator_url, app_id, environment_id, release_id, received_at, changed_at)
    SELECT gen_random_uuid(), i.*, now(), now()::timestamptz(3)
    FROM unnest(${col((r) => r.fingerprint)}::text[], ${col((r) => r.startsAt.toISOString())}::timestamptz[],
      ${col((r) => r.status)}::"AlertStatus"[], ${col((r) => r.alertname)}::text[], ${col((r) => r.severity)}::text[],
      ${col((r) => JSON.stringify(r.labels))}::jsonb[], ${col((r) => JSON.stringify(r.annotations))}::jsonb[],
      ${col((r) => r.endsAt?.toISOString() ?? null)}::timestamptz[], ${col((r) => r.generatorUrl)}::text[],
      ${col((r) => r.appId)}::uuid[], ${col((r) => r.environmentId)}::uuid[], ${col((r) => r.releaseId)}::uuid[]) AS i
    ON CONFLICT (fingerprint, starts_at) DO UPDATE SET
      status = EXCLUDED.status,
      ends_at = EXCLUDED.ends_at,
      annotations = EXCLUDED.annotations,
      generator_url = EXCLUDED.generator_url,
      changed_at = CASE WHEN alerts.status <> EXCLUDED.status THEN now()::timestamptz(3) ELSE alerts.changed_at END
    WHERE alerts.status <> EXCLUDED.status OR alerts.ends_at IS DISTINCT FROM EXCLUDED.ends_at
      OR alerts.annotations <> EXCLUDED.annotations
    RETURNING id::text, fingerprint, starts_at AS "startsAt", status, (xmax = 0) AS inserted, changed_at = now()::timestamptz(3) AS changed,
      coalesce(muted_until > now(), false) AS muted`;
  const index = new Map(rows.map((row, i) => [`${row.fingerprint}|${row.startsAt.getTime()}`, i]));
  return changed.map((row) => ({
    id: row.id,
    index: index.get(`${row.fingerprint}|${row.startsAt.getTime()}`)!,
    event: !row.changed || row.muted ? null : row.status === "firing" ? "firing" : row.inserted ? null : "resolved",
  }));
}
