import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordAuditEvent, writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";
import { clearPasswordFailures, passwordThrottle, recordPasswordFailure } from "@/lib/auth/password-throttle";
import type { ChangeOwnPasswordInput } from "@/lib/validations/user";

// A signed-in user sets a new password after proving the current one. Wrong current passwords
// count towards the same limits as sign-in attempts (lib/auth/password-throttle.ts), so a
// session left open is no way around them. Every session of the user ends (the new password is needed everywhere), and the
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
  const throttled = await passwordThrottle(user.email, context.ip, now);
  if (throttled)
    throw new AppError("rate_limited", `Too many wrong passwords; try again in ${throttled.retryAfterSeconds} s.`, {
      field: "current",
      messageKey: "account.rateLimited",
      values: { seconds: throttled.retryAfterSeconds },
    });
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    await recordPasswordFailure(user.email, context.ip, now);
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
    await clearPasswordFailures(tx, user.email, context.ip);
    await writeAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "user.change_password",
      target: { type: "user", id: user.id, label: user.email },
      context,
    });
  });
}
