import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { assertTokenAccess } from "./token-team-access";

// A revoked token is refused from its next request on; the row stays for the history.
export async function revokePipelineToken(actor: CurrentUser, id: string, context: RequestContext): Promise<void> {
  const token = await db.pipelineToken.findUnique({ where: { id }, include: { team: { select: { name: true } } } });
  if (!token) throw new AppError("not_found", "Unknown token.", { field: "id" });
  assertTokenAccess(actor, token.teamId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.pipelineToken.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) return;
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "pipeline-token.revoke",
      target: { type: "pipeline_token", id, label: `${token.team.name}/${token.name}` },
      before: { revoked: false },
      after: { revoked: true },
      context,
    });
  });
}
