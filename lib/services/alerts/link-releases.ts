import "server-only";
import { db } from "@/lib/db";

type Candidate = { appId: string; environmentId: string; startsAt: Date };

// For each alert of a known app and environment: the latest release of that app there that
// opened at most `minutes` before the alert started (null when there is none). One query.
export async function linkReleases(candidates: Candidate[], minutes: number): Promise<(string | null)[]> {
  if (candidates.length === 0) return [];
  const rows = await db.$queryRaw<{ n: bigint; id: string }[]>`
    SELECT i.n, r.id::text
    FROM unnest(${candidates.map((c) => c.appId)}::uuid[], ${candidates.map((c) => c.environmentId)}::uuid[],
                ${candidates.map((c) => c.startsAt.toISOString())}::timestamptz[]) WITH ORDINALITY AS i(app, env, starts, n)
    CROSS JOIN LATERAL (
      SELECT id FROM releases r
      WHERE r.app_id = i.app AND r.environment_id = i.env
        AND r.created_at <= i.starts AND r.created_at >= i.starts - make_interval(mins => ${minutes}::int)
      ORDER BY r.created_at DESC LIMIT 1
    ) r`;
  const byIndex = new Map(rows.map((row) => [Number(row.n) - 1, row.id]));
  return candidates.map((_, index) => byIndex.get(index) ?? null);
}
