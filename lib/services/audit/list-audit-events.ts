import "server-only";
import { db, type Prisma } from "@/lib/db";
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
};

export type AuditPage = { rows: AuditRow[]; nextCursor: string | null };

// Newest first, paged by (at, id) keyset: page 1,000 costs what page 1 costs, and rows
// written while someone pages never shift what they see.
export async function listAuditEvents(query: AuditQuery): Promise<AuditPage> {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (query.actor) where.push({ actorLabel: { contains: query.actor, mode: "insensitive" } });
  if (query.action) where.push({ action: { startsWith: query.action } });
  if (query.targetType) where.push({ targetType: query.targetType });
  if (query.from) where.push({ at: { gte: query.from } });
  if (query.to) where.push({ at: { lte: query.to } });
  if (query.cursor) {
    const [at, id] = query.cursor.split("_") as [string, string];
    const cursorAt = new Date(at);
    where.push({ OR: [{ at: { lt: cursorAt } }, { at: cursorAt, id: { lt: BigInt(id) } }] });
  }
  const rows = await db.auditEvent.findMany({
    where: { AND: where },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({ ...r, id: r.id.toString() })),
    nextCursor: rows.length > query.limit && last ? `${last.at.toISOString()}_${last.id}` : null,
  };
}
