import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";

export type ReleaseRow = {
  id: string;
  number: number;
  kind: string;
  status: ReleaseStatus;
  image: string | null;
  description: string;
  // Set when Slipway wrote the description (lib/i18n/stored-message.ts).
  descriptionMessage: unknown;
  manifestHash: string;
  actorLabel: string;
  trigger: string;
  approvedByLabel: string | null;
  rollbackOfNumber: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  app: { id: string; name: string; team: string };
  environment: { id: string; name: string; displayName: string };
};

export type ReleaseQuery = {
  appId?: string;
  environmentId?: string;
  status?: ReleaseStatus;
  // Release number to continue below, for one app and environment; or a created-at cursor.
  cursor?: string;
  limit?: number;
};

// Newest first, all of them kept: paged by (created_at, id), never truncated.
export async function listReleases(query: ReleaseQuery): Promise<{ rows: ReleaseRow[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const where: Prisma.ReleaseWhereInput[] = [];
  if (query.appId) where.push({ appId: query.appId });
  if (query.environmentId) where.push({ environmentId: query.environmentId });
  if (query.status) where.push({ status: query.status });
  if (query.cursor) {
    const [at, id] = query.cursor.split("_") as [string, string];
    const cursorAt = new Date(at);
    if (!Number.isNaN(cursorAt.getTime()))
      where.push({ OR: [{ createdAt: { lt: cursorAt } }, { createdAt: cursorAt, id: { lt: id } }] });
  }
  const rows = await db.release.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: {
      app: { select: { id: true, name: true, team: { select: { name: true } } } },
      environment: { select: { id: true, name: true, displayName: true } },
      rollbackOf: { select: { number: true } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((row) => ({
      id: row.id,
      number: row.number,
      kind: row.kind,
      status: row.status,
      image: row.image,
      description: row.description,
      descriptionMessage: row.descriptionMessage,
      manifestHash: row.manifestHash,
      actorLabel: row.actorLabel,
      trigger: row.trigger,
      approvedByLabel: row.approvedByLabel,
      rollbackOfNumber: row.rollbackOf?.number ?? null,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      error: row.error,
      app: { id: row.app.id, name: row.app.name, team: row.app.team.name },
      environment: row.environment,
    })),
    nextCursor: rows.length > limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
  };
}

// How long a stale request stays listed, saying to request again.
const STALE_SHOWN_MS = 3 * 24 * 3600_000;

// Requests waiting for a decision, each with the diff it captured, and recently stale ones. The
// manifest and parameter hash stay on the server.
export async function listPendingRequests(filter: { appId?: string; environmentId?: string } = {}) {
  return db.releaseRequest.findMany({
    where: {
      OR: [{ status: "pending" }, { status: "stale", decidedAt: { gte: new Date(Date.now() - STALE_SHOWN_MS) } }],
      ...filter,
    },
    omit: { manifestHash: true, parametersHash: true },
    orderBy: { createdAt: "asc" },
    include: {
      app: { select: { id: true, name: true, team: { select: { name: true } } } },
      environment: { select: { id: true, name: true, displayName: true } },
    },
  });
}
