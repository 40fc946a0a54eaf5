import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";

// Disabling also bumps the session version: the user's next request is refused even with a
// session cookie that has not expired.
export async function setUserDisabled(
  actor: CurrentUser,
  input: { id: string; disabled: boolean },
  context: RequestContext,
): Promise<void> {
  if (input.id === actor.id && input.disabled) {
    throw new AppError("invalid_input", "You cannot disable your own account.", {
      field: "id",
      messageKey: "validation.selfDisable",
    });
  }
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.id } });
    if (!before)
      throw new AppError("not_found", "Unknown user.", { field: "id", messageKey: "validation.unknownUser" });
    if (Boolean(before.disabledAt) === input.disabled) return;
    await tx.user.update({
      where: { id: input.id },
      data: input.disabled ? { disabledAt: new Date(), sessionVersion: { increment: 1 } } : { disabledAt: null },
    });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: input.disabled ? "user.disable" : "user.enable",
      target: { type: "user", id: before.id, label: before.email },
      before: { disabled: Boolean(before.disabledAt) },
      after: { disabled: input.disabled },
      context,
    });
  });
}
