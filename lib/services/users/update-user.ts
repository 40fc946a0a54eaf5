import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";
import type { UpdateUserInput } from "@/lib/validations/user";
import { assertTeamsExist } from "./assert-teams-exist";

// Sets name, role and team memberships. A role change ends the user's live sessions so the
// new role applies at once, not when their session next expires.
export async function updateUser(actor: CurrentUser, input: UpdateUserInput, context: RequestContext): Promise<void> {
  if (input.id === actor.id && input.role !== "admin" && actor.role === "admin") {
    throw new AppError("invalid_input", "You cannot remove your own admin role.", {
      field: "role",
      messageKey: "validation.selfDemote",
    });
  }
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.id }, include: { memberships: true } });
    if (!before)
      throw new AppError("not_found", "Unknown user.", { field: "id", messageKey: "validation.unknownUser" });
    await assertTeamsExist(tx, input.teamIds);
    const teamIds = [...new Set(input.teamIds)].sort();
    await tx.membership.deleteMany({ where: { userId: input.id, teamId: { notIn: teamIds } } });
    await tx.membership.createMany({
      data: teamIds.map((teamId) => ({ userId: input.id, teamId })),
      skipDuplicates: true,
    });
    const roleChanged = before.role !== input.role;
    await tx.user.update({
      where: { id: input.id },
      data: { name: input.name, role: input.role, ...(roleChanged ? { sessionVersion: { increment: 1 } } : {}) },
    });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "user.update",
      target: { type: "user", id: before.id, label: before.email },
      before: { name: before.name, role: before.role, teamIds: before.memberships.map((m) => m.teamId).sort() },
      after: { name: input.name, role: input.role, teamIds },
      context,
    });
  });
}
