import "server-only";
import { db } from "@/lib/db";

export type AlertTarget = {
  appId: string | null;
  appTeamId: string | null;
  environmentId: string | null;
  releaseId: string | null;
};

type Candidate = { labels: Record<string, string>; startsAt: Date; firing: boolean };

// Which app and environment each alert is about, and the release it followed, in one query for a
// whole batch. The namespace names the team and environment (each environment's namespace
// pattern, e.g. "{team}-{env}"); the first of the configured app labels that is set names the
// app, as its name or as the "app.kubernetes.io/instance" value Slipway's templates give it
// ("<app>-<env>"). A firing alert of a known app is linked to the latest release of that app
// there that opened at most `minutes` before the alert started.
export async function resolveAlertTargets(
  alerts: Candidate[],
  appLabels: string[],
  minutes: number,
): Promise<AlertTarget[]> {
  const none: AlertTarget = { appId: null, appTeamId: null, environmentId: null, releaseId: null };
  if (alerts.length === 0) return [];
  const rows = await db.$queryRaw<
    { n: bigint; environmentId: string; appId: string | null; teamId: string | null; releaseId: string | null }[]
  >`
    SELECT DISTINCT ON (i.n) i.n, e.id::text AS "environmentId", a.id::text AS "appId", a.team_id::text AS "teamId",
      r.id::text AS "releaseId"
    FROM unnest(${alerts.map((a) => a.labels.namespace ?? null)}::text[],
                ${alerts.map((a) => appLabels.map((name) => a.labels[name]).find(Boolean) ?? null)}::text[],
                ${alerts.map((a) => a.startsAt.toISOString())}::timestamptz[],
                ${alerts.map((a) => a.firing)}::boolean[]) WITH ORDINALITY AS i(namespace, value, starts, firing, n)
    JOIN environments e ON true
    JOIN teams t ON replace(replace(e.namespace_pattern, '{team}', t.name), '{env}', e.name) = i.namespace
    LEFT JOIN apps a ON a.team_id = t.id AND (a.name = i.value OR i.value = a.name || '-' || e.name)
    LEFT JOIN LATERAL (
      SELECT id FROM releases r
      WHERE i.firing AND r.app_id = a.id AND r.environment_id = e.id
        AND r.created_at <= i.starts AND r.created_at >= i.starts - make_interval(mins => ${minutes}::int)
      ORDER BY r.created_at DESC LIMIT 1
    ) r ON true
    WHERE i.namespace IS NOT NULL
    ORDER BY i.n, a.id NULLS LAST`;
  const byIndex = new Map(rows.map((row) => [Number(row.n) - 1, row]));
  return alerts.map((_, index) => {
    const row = byIndex.get(index);
    return row
      ? { appId: row.appId, appTeamId: row.teamId, environmentId: row.environmentId, releaseId: row.releaseId }
      : none;
  });
}
