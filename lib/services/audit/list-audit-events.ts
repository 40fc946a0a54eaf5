import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInZone } from "@/lib/i18n/clock";
import type { AuditQuery } from "@/lib/validations/audit";

export type AuditRow = {
  id: string;
  at: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  // The app and environment the row concerns, where it concerns one.
  app: { id: string; team: string; name: string } | null;
  environment: { id: string; name: string; displayName: string } | null;
};

export type AuditPage = { rows: AuditRow[]; nextCursor: string | null };

type Raw = Omit<AuditRow, "id" | "app" | "environment"> & {
  id: bigint;
  appId: string | null;
  appName: string | null;
  teamName: string | null;
  environmentId: string | null;
  environmentName: string | null;
  environmentDisplayName: string | null;
};

// A row's app and environment: its own columns, else (rows written before them, or by the
// release engine's single-statement insert) the release or request it is about, or the app
// itself.
const SCOPE = Prisma.sql`
  FROM audit_events a
  LEFT JOIN releases r ON a.target_type = 'release' AND a.app_id IS NULL AND r.id::text = a.target_id
  LEFT JOIN release_requests q ON a.target_type = 'release_request' AND a.app_id IS NULL AND q.id::text = a.target_id
  CROSS JOIN LATERAL (
    SELECT
      COALESCE(a.app_id, r.app_id, q.app_id, CASE WHEN a.target_type = 'app' THEN a.target_id::uuid END) AS app_id,
      COALESCE(a.environment_id, r.environment_id, q.environment_id) AS environment_id
  ) s
  LEFT JOIN apps ap ON ap.id = s.app_id
  LEFT JOIN teams tm ON tm.id = ap.team_id
  LEFT JOIN environments e ON e.id = s.environment_id`;

// Newest first (times typed into the filters read in `timeZone`), paged by (at, id) keyset: page 1,000 costs what page 1 costs, and rows
// written while someone pages never shift what they see.
export async function listAuditEvents(query: AuditQuery, timeZone = "UTC"): Promise<AuditPage> {
  const from = query.from ? parseInZone(query.from, timeZone) : null;
  const to = query.to ? parseInZone(query.to, timeZone) : null;
  const where: Prisma.Sql[] = [];
  if (query.actor) where.push(Prisma.sql`a.actor_label ILIKE ${`%${query.actor.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (query.action) where.push(Prisma.sql`a.action LIKE ${`${query.action.replace(/[\\%_]/g, "\\$&")}%`}`);
  // Sign-ins and sign-outs crowd out the changes; shown when asked for (or filtered for).
  if (!query.signins && !query.action?.startsWith("auth")) where.push(Prisma.sql`a.action NOT LIKE 'auth.%'`);
  if (query.targetType) where.push(Prisma.sql`a.target_type = ${query.targetType}`);
  if (query.app) where.push(Prisma.sql`s.app_id = ${query.app}::uuid`);
  if (query.env) where.push(Prisma.sql`s.environment_id = ${query.env}::uuid`);
  if (from) where.push(Prisma.sql`a.at >= ${from}`);
  if (to) where.push(Prisma.sql`a.at <= ${to}`);
  if (query.cursor) {
    const [at, id] = query.cursor.split("_") as [string, string];
    where.push(Prisma.sql`(a.at, a.id) < (${new Date(at)}::timestamptz, ${BigInt(id)})`);
  }
  const rows = await db.$queryRaw<Raw[]>`
    SELECT a.id, a.at, a.actor_label AS "actorLabel", a.action, a.target_type AS "targetType",
      a.target_id AS "targetId", a.target_label AS "targetLabel", a.before, a.after,
      a.request_id AS "requestId", a.ip,
      ap.id::text AS "appId", ap.name AS "appName", tm.name AS "teamName",
      e.id::text AS "environmentId", e.name AS "environmentName", e.display_name AS "environmentDisplayName"
    ${SCOPE}
    ${where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY a.at DESC, a.id DESC
    LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ appId, appName, teamName, environmentId, environmentName, environmentDisplayName, ...row }) => ({
      ...row,
      id: row.id.toString(),
      app: appId && appName && teamName ? { id: appId, team: teamName, name: appName } : null,
      environment:
        environmentId && environmentName
          ? { id: environmentId, name: environmentName, displayName: environmentDisplayName ?? environmentName }
          : null,
    })),
    nextCursor: rows.length > query.limit && last ? `${last.at.toISOString()}_${last.id}` : null,
  };
}
