import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { CreatePipelineTokenInput } from "@/lib/validations/pipeline-token";
import { newPipelineToken } from "./pipeline-token-secret";
import { assertTokenAccess } from "./token-team-access";

const DAY_MS = 24 * 60 * 60 * 1000;

// A team's token for CI, returned this once; the database keeps its hash. Audited without it.
export async function createPipelineToken(
  actor: CurrentUser,
  input: CreatePipelineTokenInput,
  context: RequestContext,
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  assertTokenAccess(actor, input.teamId);
  const team = await db.team.findUnique({ where: { id: input.teamId }, select: { name: true } });
  if (!team) throw new AppError("not_found", "Unknown team.", { field: "teamId" });
  const { token, hash, prefix } = newPipelineToken();
  const expiresAt = input.expiresInDays > 0 ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
  try {
    const created = await db.$transaction(async (tx) => {
      const row = await tx.pipelineToken.create({
        data: {
          teamId: input.teamId,
          name: input.name,
          tokenHash: hash,
          prefix,
          expiresAt,
          createdById: actor.id,
          createdByLabel: actor.email,
        },
      });
      await writeAudit(tx, {
        actor: { id: actor.id, email: actor.email },
        action: "pipeline-token.create",
        target: { type: "pipeline_token", id: row.id, label: `${team.name}/${input.name}` },
        after: { team: team.name, name: input.name, prefix, expiresAt },
        context,
      });
      return row;
    });
    return { id: created.id, token, expiresAt };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `The team already has a token named ${input.name}.`, {
        field: "name",
        messageKey: "tokens.nameTaken",
      });
    throw error;
  }
}
