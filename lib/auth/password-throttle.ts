import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { db, type Tx } from "@/lib/db";

// Limits on password guessing, by where the guesses come from, so that nobody can lock someone
// else out by guessing wrong on purpose:
// - one address guessing one account: after FREE_ATTEMPTS failures within WINDOW_MS, each
//   further failure locks that address out of that account twice as long as the last time, up
//   to MAX_LOCK_MS;
// - one address guessing across accounts: the same, from SOURCE_FREE_ATTEMPTS failures on;
// - an account guessed from everywhere is slowed down, never locked: every attempt on it waits
//   a little longer (up to MAX_DELAY_MS), and the right password from an address that has not
//   been guessing still gets in.
const FREE_ATTEMPTS = 5;
const SOURCE_FREE_ATTEMPTS = 20;
const WINDOW_MS = 15 * 60 * 1000;
const BASE_LOCK_MS = 30 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;
const DELAY_STEP_MS = 100;
const MAX_DELAY_MS = 1_000;

export function lockDuration(failures: number, free = FREE_ATTEMPTS): number {
  if (failures < free) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - free), MAX_LOCK_MS);
}

export function accountDelay(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(DELAY_STEP_MS * (failures - FREE_ATTEMPTS + 1), MAX_DELAY_MS);
}

function keys(email: string, ip: string | null) {
  const source = ip ?? "unknown";
  return { pair: `pair:${email}:${source}`, source: `source:${source}`, account: `account:${email}` };
}

function recentFailures(row: { failures: number; lastFailure: Date } | null, now: Date): number {
  return row && row.lastFailure.getTime() > now.getTime() - WINDOW_MS ? row.failures : 0;
}

// Before a password is checked: refused for a while (seconds to wait), or let through after the
// account's slow-down.
export async function passwordThrottle(
  email: string,
  ip: string | null,
  now: Date,
): Promise<{ retryAfterSeconds: number } | null> {
  const key = keys(email, ip);
  const rows = await db.loginThrottle.findMany({ where: { key: { in: [key.pair, key.source, key.account] } } });
  const locked = rows
    .filter((row) => row.key !== key.account && row.lockedUntil && row.lockedUntil > now)
    .map((row) => row.lockedUntil!.getTime());
  if (locked.length > 0) return { retryAfterSeconds: Math.ceil((Math.max(...locked) - now.getTime()) / 1000) };
  const delay = accountDelay(recentFailures(rows.find((row) => row.key === key.account) ?? null, now));
  if (delay > 0) await sleep(delay);
  return null;
}

// One statement per key, so concurrent attempts from several replicas count every failure.
async function countFailure(key: string, now: Date, free: number | null): Promise<void> {
  const [row] = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO login_throttles (key, failures, last_failure, locked_until)
    VALUES (${key}, 1, ${now}, NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttles.last_failure < ${new Date(now.getTime() - WINDOW_MS)}
                      THEN 1 ELSE login_throttles.failures + 1 END,
      last_failure = ${now}
    RETURNING failures`;
  const lock = free === null || !row ? 0 : lockDuration(row.failures, free);
  if (lock > 0)
    await db.loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + lock) } });
}

export async function recordPasswordFailure(email: string, ip: string | null, now: Date): Promise<void> {
  const key = keys(email, ip);
  await countFailure(key.pair, now, FREE_ATTEMPTS);
  await countFailure(key.source, now, SOURCE_FREE_ATTEMPTS);
  await countFailure(key.account, now, null);
}

// After the right password: this address's record for the account, and the account's slow-down.
export async function clearPasswordFailures(tx: Tx, email: string, ip: string | null): Promise<void> {
  const key = keys(email, ip);
  await tx.loginThrottle.deleteMany({ where: { key: { in: [key.pair, key.account] } } });
}
