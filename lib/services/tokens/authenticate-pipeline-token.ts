import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPipelineToken, TOKEN_PREFIX } from "./pipeline-token-secret";

// The caller a pipeline token stands for: a developer of its one team and nothing more, so
// every rule for people applies (deploys to protected environments become requests, no
// approving, no scaling, no other team). Expired or revoked tokens are refused; each use is
// noted as the token's last use.
export async function authenticatePipelineToken(authorization: string): Promise<CurrentUser> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? "";
  const refused = new AppError("unauthenticated", "Unknown, expired or revoked pipeline token.");
  if (!token.startsWith(TOKEN_PREFIX)) throw refused;
  const row = await db.pipelineToken.findUnique({
    where: { tokenHash: hashPipelineToken(token) },
    include: { team: { select: { name: true } } },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) throw refused;
  await db.pipelineToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return {
    id: row.id,
    email: `token:${row.team.name}/${row.name}`,
    name: row.name,
    role: "developer",
    locale: null,
    timeZone: null,
    teamIds: [row.teamId],
  };
}
