import "server-only";
import type { ReleaseLink } from "@/lib/alerts/message-content";
import { versionOf } from "@/lib/alerts/message-content";
import { db } from "@/lib/db";

type Linked = { id: string; releaseId: string | null; startsAt: Date };

// The release each alert followed, who made it, and the succeeded release before it to roll
// back to (null when there is none). One query for any number of alerts.
export async function loadReleaseLinks(alerts: Linked[]): Promise<Map<string, ReleaseLink>> {
  const ids = [...new Set(alerts.map((a) => a.releaseId).filter((id): id is string => id !== null))];
  const links = new Map<string, ReleaseLink>();
  if (ids.length === 0) return links;
  const rows = await db.$queryRaw<
    {
      id: string;
      number: number;
      kind: string;
      image: string | null;
      createdAt: Date;
      actor: string;
      rollbackId: string | null;
      rollbackNumber: number | null;
    }[]
  >`
    SELECT r.id::text, r.number, r.kind::text AS kind, r.image, r.created_at AS "createdAt",
      coalesce(u.name, r.actor_label) AS actor, p.id::text AS "rollbackId", p.number AS "rollbackNumber"
    FROM releases r
    LEFT JOIN users u ON u.id = r.actor_id
    LEFT JOIN LATERAL (
      SELECT id, number FROM releases p
      WHERE p.app_id = r.app_id AND p.environment_id = r.environment_id AND p.status = 'succeeded' AND p.number < r.number
      ORDER BY p.number DESC LIMIT 1
    ) p ON true
    WHERE r.id = ANY(${ids}::uuid[])`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const alert of alerts) {
    const row = alert.releaseId ? byId.get(alert.releaseId) : undefined;
    if (!row) continue;
    links.set(alert.id, {
      release: {
        id: row.id,
        number: row.number,
        kind: row.kind,
        version: versionOf(row.image),
        actor: row.actor,
        createdAt: row.createdAt,
      },
      minutesAfter: Math.max(0, Math.round((alert.startsAt.getTime() - row.createdAt.getTime()) / 60_000)),
      rollbackTo: row.rollbackId && row.rollbackNumber ? { id: row.rollbackId, number: row.rollbackNumber } : null,
    });
  }
  return links;
}
