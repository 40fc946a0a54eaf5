import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordAuditEvent, writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";
import { passwordLockedFor, recordFailure } from "@/lib/services/auth/sign-in-with-password";
import type { ChangeOwnPasswordInput } from "@/lib/validations/user";

// A signed-in user sets a new password after proving the current one. Wrong current passwords
// count towards the same per-email limit as sign-in attempts, so a session left open is no way
// around it. Every session of the user ends (the new password is needed everywhere), and the
// change is audited without either password.
export async function changeOwnPassword(
  actor: CurrentUser,
  input: ChangeOwnPasswordInput,
  context: RequestContext,
): Promise<void> {
  const now = new Date();
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  if (!user.passwordHash)
    throw new AppError("invalid_input", "Your account signs in with company SSO; it has no password here.", {
      field: "current",
      messageKey: "account.ssoOnly",
    });
  const retryAfterSeconds = await passwordLockedFor(user.email, now);
  if (retryAfterSeconds !== null)
    throw new AppError("rate_limited", `Too many wrong passwords; try again in ${retryAfterSeconds} s.`, {
      field: "current",
      messageKey: "account.rateLimited",
      values: { seconds: retryAfterSeconds },
    });
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    await recordFailure(user.email, now);
    await recordAuditEvent({
      actor: { id: user.id, email: user.email },
      action: "user.change_password_failed",
      target: { type: "user", id: user.id, label: user.email },
      context,
    });
    throw new AppError("invalid_input", "The current password is not right.", {
      field: "current",
      messageKey: "account.wrongPassword",
    });
  }
  const passwordHash = await hashPassword(input.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await tx.loginThrottle.deleteMany({ where: { key: user.email } });
    await writeAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "user.change_password",
      target: { type: "user", id: user.id, label: user.email },
      context,
    });
  });
}
