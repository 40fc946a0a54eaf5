import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

export type PipelineTokenView = {
  id: string;
  team: string;
  teamId: string;
  name: string;
  prefix: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string;
  createdAt: Date;
};

// The tokens of the teams the reader works on (every team for ops and admins); never the token.
export async function listPipelineTokens(actor: CurrentUser): Promise<PipelineTokenView[]> {
  const everyTeam = actor.role === "admin" || actor.role === "ops";
  const rows = await db.pipelineToken.findMany({
    where: everyTeam ? {} : { teamId: { in: actor.teamIds } },
    include: { team: { select: { name: true } } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    team: row.team.name,
    teamId: row.teamId,
    name: row.name,
    prefix: row.prefix,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt,
  }));
}
