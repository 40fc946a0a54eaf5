import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { ZChangeOwnPasswordSchema } from "@/lib/validations/user";
import { context, makeUser } from "@/test/factories";
import { signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { changeOwnPassword } from "./change-own-password";

const row = (id: string) => db.user.findUniqueOrThrow({ where: { id } });

function fieldErrors(input: unknown): Record<string, string> {
  const parsed = ZChangeOwnPasswordSchema.safeParse(input);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("changing one's own password", () => {
  it("sets the new password, ends every session of the user, and audits it without either password", async () => {
    const user = await makeUser("developer", "old password 1234");
    const before = await row(user.id);
    await changeOwnPassword(
      user,
      { current: "old password 1234", next: "new password 5678", confirm: "new password 5678" },
      context,
    );
    const after = await row(user.id);
    expect(await verifyPassword(after.passwordHash, "new password 5678")).toBe(true);
    expect(await verifyPassword(after.passwordHash, "old password 1234")).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect((await signInWithPassword({ email: user.email, password: "new password 5678" }, context)).ok).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.change_password", targetId: user.id },
    });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toMatch(/password 1234|password 5678/);
  });

  it("refuses a wrong current password on its field, changes nothing, and counts it towards the sign-in limit", async () => {
    const user = await makeUser("tester", "right password 1234");
    const before = await row(user.id);
    for (let attempt = 1; attempt <= 5; attempt++)
      await expect(
        changeOwnPassword(user, { current: "wrong", next: "new password 5678", confirm: "new password 5678" }, context),
      ).rejects.toMatchObject({ code: "invalid_input", field: "current", messageKey: "account.wrongPassword" });
    const after = await row(user.id);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(await db.auditEvent.count({ where: { action: "user.change_password_failed", targetId: user.id } })).toBe(5);
    // Five wrong passwords lock the email, for sign-in and for this form alike.
    const signIn = await signInWithPassword({ email: user.email, password: "right password 1234" }, context);
    expect(signIn).toMatchObject({ ok: false, reason: "rate_limited" });
    await expect(
      changeOwnPassword(
        user,
        { current: "right password 1234", next: "new password 5678", confirm: "new password 5678" },
        context,
      ),
    ).rejects.toMatchObject({ code: "rate_limited", field: "current" });
  });

  it("tells a company-SSO account that it has no password here", async () => {
    const user = await makeUser("viewer");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: null, oidcSubject: `sub-${user.id}` } });
    await expect(
      changeOwnPassword(user, { current: "x", next: "new password 5678", confirm: "new password 5678" }, context),
    ).rejects.toMatchObject({ code: "invalid_input", field: "current", messageKey: "account.ssoOnly" });
  });

  it("validates the form: current given, new long enough, typed twice alike, and not the current one", () => {
    expect(fieldErrors({ current: "", next: "new password 5678", confirm: "new password 5678" })).toEqual({
      current: "validation.currentPasswordRequired",
    });
    expect(fieldErrors({ current: "old", next: "short", confirm: "short" })).toEqual({
      next: "validation.passwordShort",
    });
    expect(fieldErrors({ current: "old", next: "new password 5678", confirm: "new password 5679" })).toEqual({
      confirm: "validation.passwordMismatch",
    });
    expect(fieldErrors({ current: "same password 1", next: "same password 1", confirm: "same password 1" })).toEqual({
      next: "validation.passwordUnchanged",
    });
  });
});
