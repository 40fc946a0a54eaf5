import "server-only";
import type { ReleaseLink } from "@/lib/alerts/message-content";
import { db, type Prisma } from "@/lib/db";
import type { AlertListQuery } from "@/lib/validations/subscription";
import { loadReleaseLinks } from "./load-release-links";

export type AlertListRow = {
  id: string;
  alertname: string;
  severity: string;
  status: "firing" | "resolved";
  summary: string;
  startsAt: Date;
  endsAt: Date | null;
  app: { id: string; name: string; team: string } | null;
  environment: string | null;
  mutedUntil: Date | null;
  mutedByLabel: string | null;
  link: ReleaseLink | null;
};

const SINCE_MS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };

// Alerts newest first, filtered, paged by (starts_at, id). Everyone may read alerts, like
// releases and the audit history.
export async function listAlerts(
  query: Partial<AlertListQuery> & { appId?: string; releaseId?: string; limit?: number },
): Promise<{ rows: AlertListRow[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const where: Prisma.AlertWhereInput[] = [];
  if (query.state === "firing") where.push({ status: "firing" });
  const appId = query.appId ?? query.app;
  if (appId) where.push({ appId });
  if (query.releaseId) where.push({ releaseId: query.releaseId });
  if (query.env) where.push({ environment: { name: query.env } });
  if (query.severity) where.push({ severity: query.severity });
  if (query.alertname) where.push({ alertname: { contains: query.alertname, mode: "insensitive" } });
  if (query.since) where.push({ startsAt: { gte: new Date(Date.now() - SINCE_MS[query.since]) } });
  if (query.cursor) {
    const [at, id] = query.cursor.split("_") as [string, string | undefined];
    const cursorAt = new Date(at);
    if (!Number.isNaN(cursorAt.getTime()) && id)
      where.push({ OR: [{ startsAt: { lt: cursorAt } }, { startsAt: cursorAt, id: { lt: id } }] });
  }
  const rows = await db.alert.findMany({
    where: { AND: where },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: {
      app: { select: { id: true, name: true, team: { select: { name: true } } } },
      environment: { select: { name: true } },
    },
  });
  const page = rows.slice(0, limit);
  const links = await loadReleaseLinks(page);
  const last = page.at(-1);
  return {
    rows: page.map((row) => ({
      id: row.id,
      alertname: row.alertname,
      severity: row.severity,
      status: row.status,
      summary: (row.annotations as Record<string, string>).summary ?? "",
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      app: row.app ? { id: row.app.id, name: row.app.name, team: row.app.team.name } : null,
      environment: row.environment?.name ?? null,
      mutedUntil: row.mutedUntil && row.mutedUntil > new Date() ? row.mutedUntil : null,
      mutedByLabel: row.mutedByLabel,
      link: links.get(row.id) ?? null,
    })),
    nextCursor: rows.length > limit && last ? `${last.startsAt.toISOString()}_${last.id}` : null,
  };
}
