import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { ZCreateUserSchema } from "@/lib/validations/user";
import { context, makeUser, uniqueEmail } from "@/test/factories";
import { createTeam } from "@/lib/services/teams/create-team";
import { createUser } from "./create-user";
import { setUserDisabled } from "./set-user-disabled";
import { updateUser } from "./update-user";
import { resetUserPassword } from "./reset-user-password";

function fieldErrors(input: unknown): Record<string, string> {
  const parsed = ZCreateUserSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("user administration", () => {
  it("creates a user with a hashed password, its teams and an audit row without the password", async () => {
    const admin = await makeUser("admin");
    const team = await createTeam(admin, { name: `team-${Date.now()}`, displayName: "" }, context);
    const email = uniqueEmail("dev");
    const created = await createUser(admin, { email, name: "Dev", role: "developer", teamIds: [team.id] }, context);
    expect(created.initialPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    const row = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, created.initialPassword)).toBe(true);
    expect(row.memberships.map((m) => m.teamId)).toEqual([team.id]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", targetId: row.id } });
    expect(audit.actorLabel).toBe(admin.email);
    expect(JSON.stringify(audit.after)).not.toContain(created.initialPassword);
  });

  it("takes the same team chosen twice as one membership", async () => {
    const admin = await makeUser("admin");
    const team = await createTeam(admin, { name: `twice-${Date.now()}`, displayName: "" }, context);
    const input = ZCreateUserSchema.parse({
      email: uniqueEmail("twice"),
      name: "Twice",
      role: "developer",
      teamIds: [team.id, team.id],
    });
    const created = await createUser(admin, input, context);
    expect(await db.membership.count({ where: { userId: created.id } })).toBe(1);
  });

  it("refuses a duplicate email on the email field and saves nothing", async () => {
    const admin = await makeUser("admin");
    const existing = await makeUser("developer");
    const usersBefore = await db.user.count();
    const auditBefore = await db.auditEvent.count();
    const error = await createUser(
      admin,
      { email: existing.email, name: "Twin", role: "viewer", teamIds: [] },
      context,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", field: "email", messageKey: "validation.emailTaken" });
    expect(await db.user.count()).toBe(usersBefore);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("refuses an unknown team and saves nothing", async () => {
    const admin = await makeUser("admin");
    const email = uniqueEmail("orphan");
    await expect(
      createUser(
        admin,
        { email, name: "X", role: "viewer", teamIds: ["00000000-0000-4000-8000-000000000000"] },
        context,
      ),
    ).rejects.toMatchObject({ field: "teamIds" });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("validates each field with a message naming it", () => {
    expect(fieldErrors({ email: "not-an-email", name: "A", role: "developer" })).toEqual({ email: "validation.email" });
    expect(fieldErrors({ email: "a@b.co", name: "   ", role: "developer" })).toEqual({
      name: "validation.nameRequired",
    });
    expect(fieldErrors({ email: "a@b.co", name: "A", role: "superuser" })).toEqual({ role: "validation.role" });
    expect(fieldErrors({ email: "a@b.co", name: "A", role: "viewer", password: "short" })).toEqual({
      password: "validation.passwordShort",
    });
    expect(ZCreateUserSchema.parse({ email: "  Mixed@Example.COM ", name: "A", role: "viewer" }).email).toBe(
      "mixed@example.com",
    );
  });

  it("ends a user's sessions when their role changes, they are disabled, or their password is reset", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("developer");
    const version = async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    const v0 = await version();
    await updateUser(admin, { id: user.id, name: "Renamed", role: "developer", teamIds: [] }, context);
    expect(await version()).toBe(v0);
    await updateUser(admin, { id: user.id, name: "Renamed", role: "ops", teamIds: [] }, context);
    expect(await version()).toBe(v0 + 1);
    await setUserDisabled(admin, { id: user.id, disabled: true }, context);
    expect(await version()).toBe(v0 + 2);
    const reset = await resetUserPassword(admin, { id: user.id }, context);
    expect(await version()).toBe(v0 + 3);
    expect(
      await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, reset.password),
    ).toBe(true);
    const actions = (await db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["user.create", "user.update", "user.update", "user.disable", "user.reset_password"]);
  });

  it("keeps an admin from locking themselves out", async () => {
    const admin = await makeUser("admin");
    await expect(setUserDisabled(admin, { id: admin.id, disabled: true }, context)).rejects.toMatchObject({
      field: "id",
    });
    await expect(
      updateUser(admin, { id: admin.id, name: "Me", role: "viewer", teamIds: [] }, context),
    ).rejects.toMatchObject({ field: "role" });
  });
});
