import "server-only";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { recordAuditEvent, writeAudit } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";

// After FREE_ATTEMPTS failures within WINDOW_MS, each further failure locks the email for
// twice as long as the previous one, up to MAX_LOCK_MS.
const FREE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60 * 1000;
const BASE_LOCK_MS = 30 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export function lockDuration(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_MS);
}

// Seconds until a locked email may try a password again, or null when it may now.
export async function passwordLockedFor(key: string, now: Date): Promise<number | null> {
  const throttle = await db.loginThrottle.findUnique({ where: { key } });
  if (!throttle?.lockedUntil || throttle.lockedUntil <= now) return null;
  return Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 1000);
}

export async function recordFailure(key: string, now: Date): Promise<void> {
  // One statement, so concurrent attempts from several replicas count every failure.
  await db.$executeRaw`
    INSERT INTO login_throttles (key, failures, last_failure, locked_until)
    VALUES (${key}, 1, ${now}, NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttles.last_failure < ${new Date(now.getTime() - WINDOW_MS)}
                      THEN 1 ELSE login_throttles.failures + 1 END,
      last_failure = ${now}`;
  const row = await db.loginThrottle.findUnique({ where: { key } });
  const lock = row ? lockDuration(row.failures) : 0;
  if (lock > 0) {
    await db.loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + lock) } });
  }
}

// Checks an email and password. Unknown emails and wrong passwords get the same answer in the
// same time, and both count towards the same per-email rate limit.
export async function signInWithPassword(
  input: { email: string; password: string },
  context: RequestContext,
): Promise<SignInResult> {
  const now = new Date();
  const key = input.email;
  const retryAfterSeconds = await passwordLockedFor(key, now);
  if (retryAfterSeconds !== null) return { ok: false, reason: "rate_limited", retryAfterSeconds };

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!valid || !user) {
    await recordFailure(key, now);
    await recordAuditEvent({
      actor: user ? { id: user.id, email: user.email } : { system: "anonymous" },
      action: "auth.login_failed",
      target: { type: "user", id: user?.id, label: input.email },
      context,
    });
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) {
    await recordAuditEvent({
      actor: { id: user.id, email: user.email },
      action: "auth.login_refused_disabled",
      target: { type: "user", id: user.id, label: user.email },
      context,
    });
    return { ok: false, reason: "disabled" };
  }

  await db.$transaction(async (tx) => {
    await tx.loginThrottle.deleteMany({ where: { key } });
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
