import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, makeUser, uniqueEmail } from "@/test/factories";
import { setUserDisabled } from "@/lib/services/users/set-user-disabled";
import { accountDelay, lockDuration } from "@/lib/auth/password-throttle";
import { signInWithPassword } from "./sign-in-with-password";

const from = (ip: string) => ({ requestId: "test-request", ip });

describe("signInWithPassword", () => {
  it("accepts the right password, records the login and the time", async () => {
    const user = await makeUser("developer");
    const result = await signInWithPassword({ email: user.email, password: user.password }, context);
    expect(result).toMatchObject({ ok: true, user: { id: user.id, email: user.email } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.login", targetId: user.id } })).toBe(1);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const user = await makeUser("developer");
    const wrong = await signInWithPassword({ email: user.email, password: "not the password" }, context);
    const unknown = await signInWithPassword({ email: uniqueEmail("nobody"), password: "whatever12345" }, context);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks out the address that guessed, even for the right password, and unknown emails alike", async () => {
    const user = await makeUser("developer");
    const attacker = from("203.0.113.7");
    for (let i = 0; i < 5; i++) await signInWithPassword({ email: user.email, password: `wrong-${i}` }, attacker);
    const locked = await signInWithPassword({ email: user.email, password: user.password }, attacker);
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(locked.ok === false && locked.reason === "rate_limited" && locked.retryAfterSeconds).toBeGreaterThan(0);

    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 5; i++) await signInWithPassword({ email: ghost, password: `wrong-${i}` }, attacker);
    expect(await signInWithPassword({ email: ghost, password: "anything-at-all" }, attacker)).toMatchObject({
      reason: "rate_limited",
    });
  });

  it("lets the owner in from their own address after someone hammered the account from elsewhere", async () => {
    const user = await makeUser("admin");
    for (let i = 0; i < 15; i++)
      await signInWithPassword({ email: user.email, password: `guess-${i}` }, from(`198.51.100.${i % 3}`));
    expect(
      await signInWithPassword({ email: user.email, password: user.password }, from("198.51.100.0")),
    ).toMatchObject({ reason: "rate_limited" });
    // Slowed down (the account has 15 recent failures), not locked.
    expect(accountDelay(15)).toBeGreaterThan(0);
    expect(await signInWithPassword({ email: user.email, password: user.password }, from("192.0.2.44"))).toMatchObject({
      ok: true,
    });
  });

  it("locks an address that guesses across many accounts", async () => {
    const sprayer = from("203.0.113.99");
    for (let i = 0; i < 20; i++)
      await signInWithPassword({ email: uniqueEmail(`spray${i}`), password: "Winter2026!" }, sprayer);
    const user = await makeUser("viewer");
    expect(await signInWithPassword({ email: user.email, password: user.password }, sprayer)).toMatchObject({
      reason: "rate_limited",
    });
    expect(await signInWithPassword({ email: user.email, password: user.password }, from("192.0.2.45"))).toMatchObject({
      ok: true,
    });
  });

  it("doubles the lock with every further failure, up to 15 minutes; slows an account down to at most 1 s", () => {
    expect([4, 5, 6, 7].map((n) => lockDuration(n))).toEqual([0, 30_000, 60_000, 120_000]);
    expect(lockDuration(40)).toBe(15 * 60 * 1000);
    expect([4, 5, 6, 100].map(accountDelay)).toEqual([0, 100, 200, 1_000]);
  });

  it("answers a disabled account as a wrong password, even with its right password", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("developer");
    await setUserDisabled(admin, { id: user.id, disabled: true }, context);
    expect(await signInWithPassword({ email: user.email, password: user.password }, from("192.0.2.46"))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await signInWithPassword({ email: user.email, password: "wrong password" }, from("192.0.2.46"))).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
