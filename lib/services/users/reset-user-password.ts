import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";

// Sets a new password (typed or generated, returned once) and ends the user's sessions.
export async function resetUserPassword(
  actor: CurrentUser,
  input: { id: string; password?: string },
  context: RequestContext,
): Promise<{ email: string; password: string }> {
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id } });
    if (!user) throw new AppError("not_found", "Unknown user.", { field: "id", messageKey: "validation.unknownUser" });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "user.reset_password",
      target: { type: "user", id: user.id, label: user.email },
      context,
    });
    return { email: user.email, password };
  });
}
