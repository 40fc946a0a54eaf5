import "server-only";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { clearPasswordFailures, passwordThrottle, recordPasswordFailure } from "@/lib/auth/password-throttle";
import { recordAuditEvent, writeAudit } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

// Checks an email and password. Unknown emails, wrong passwords and disabled accounts get the
// same answer in the same time and count towards the same limits (lib/auth/password-throttle.ts):
// "disabled" only after the right password would tell a guesser that it was right.
export async function signInWithPassword(
  input: { email: string; password: string },
  context: RequestContext,
): Promise<SignInResult> {
  const now = new Date();
  const throttled = await passwordThrottle(input.email, context.ip, now);
  if (throttled) return { ok: false, reason: "rate_limited", ...throttled };

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!valid || !user || user.disabledAt) {
    await recordPasswordFailure(input.email, context.ip, now);
    await recordAuditEvent({
      actor: user ? { id: user.id, email: user.email } : { system: "anonymous" },
      action: "auth.login_failed",
      target: { type: "user", id: user?.id, label: input.email },
      context,
    });
    return { ok: false, reason: "invalid" };
  }

  await db.$transaction(async (tx) => {
    await clearPasswordFailures(tx, input.email, context.ip);
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await writeAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "auth.login",
      target: { type: "user", id: user.id, label: user.email },
      after: { method: "password" },
      context,
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
