import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";
import type { CreateTeamInput } from "@/lib/validations/team";

export async function createTeam(actor: CurrentUser, input: CreateTeamInput, context: RequestContext) {
  try {
    return await db.$transaction(async (tx) => {
      const team = await tx.team.create({ data: { name: input.name, displayName: input.displayName || input.name } });
      await writeAudit(tx, {
        actor: { id: actor.id, email: actor.email },
        action: "team.create",
        target: { type: "team", id: team.id, label: team.name },
        after: { name: team.name, displayName: team.displayName },
        context,
      });
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A team named ${input.name} already exists.`, {
        field: "name",
        messageKey: "validation.teamTaken",
      });
    }
    throw error;
  }
}
