import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, makeUser, uniqueEmail } from "@/test/factories";
import { setUserDisabled } from "@/lib/services/users/set-user-disabled";
import { lockDuration, signInWithPassword } from "./sign-in-with-password";

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

  it("locks an email after five failures, even for the right password, and for unknown emails too", async () => {
    const user = await makeUser("developer");
    for (let i = 0; i < 5; i++) await signInWithPassword({ email: user.email, password: `wrong-${i}` }, context);
    const locked = await signInWithPassword({ email: user.email, password: user.password }, context);
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(locked.ok === false && locked.reason === "rate_limited" && locked.retryAfterSeconds).toBeGreaterThan(0);

    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 5; i++) await signInWithPassword({ email: ghost, password: `wrong-${i}` }, context);
    expect(await signInWithPassword({ email: ghost, password: "anything-at-all" }, context)).toMatchObject({
      reason: "rate_limited",
    });
  });

  it("doubles the lock with every further failure, up to 15 minutes", () => {
    expect([4, 5, 6, 7].map(lockDuration)).toEqual([0, 30_000, 60_000, 120_000]);
    expect(lockDuration(40)).toBe(15 * 60 * 1000);
  });

  it("refuses a disabled account, saying so only to someone who knows its password", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("developer");
    await setUserDisabled(admin, { id: user.id, disabled: true }, context);
    expect(await signInWithPassword({ email: user.email, password: user.password }, context)).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect(await signInWithPassword({ email: user.email, password: "wrong password" }, context)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
