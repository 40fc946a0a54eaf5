import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";

// Adds a user to a team or removes them; audited as team.add_member / team.remove_member.
export async function changeTeamMember(
  actor: CurrentUser,
  input: { teamId: string; userId: string; member: boolean },
  context: RequestContext,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId } });
    if (!team)
      throw new AppError("not_found", "Unknown team.", { field: "teamId", messageKey: "validation.unknownTeam" });
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user)
      throw new AppError("not_found", "Unknown user.", { field: "userId", messageKey: "validation.unknownUser" });
    const key = { userId_teamId: { userId: user.id, teamId: team.id } };
    const existing = await tx.membership.findUnique({ where: key });
    if (input.member) {
      if (existing) {
        throw new AppError("conflict", `${user.email} is already a member of ${team.name}.`, {
          field: "userId",
          messageKey: "validation.alreadyMember",
        });
      }
      await tx.membership.create({ data: { userId: user.id, teamId: team.id } });
    } else {
      if (!existing) return;
      await tx.membership.delete({ where: key });
    }
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: input.member ? "team.add_member" : "team.remove_member",
      target: { type: "team", id: team.id, label: team.name },
      after: { user: user.email },
      context,
    });
  });
}
