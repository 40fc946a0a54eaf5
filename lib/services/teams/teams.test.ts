import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZCreateTeamSchema } from "@/lib/validations/team";
import { context, makeUser } from "@/test/factories";
import { changeTeamMember } from "./change-team-member";
import { createTeam } from "./create-team";

describe("teams", () => {
  it("adds and removes members, each audited", async () => {
    const admin = await makeUser("admin");
    const dev = await makeUser("developer");
    const team = await createTeam(admin, { name: `payments-${Date.now()}`, displayName: "Payments" }, context);
    await changeTeamMember(admin, { teamId: team.id, userId: dev.id, member: true }, context);
    await expect(
      changeTeamMember(admin, { teamId: team.id, userId: dev.id, member: true }, context),
    ).rejects.toMatchObject({
      code: "conflict",
      field: "userId",
    });
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(1);
    await changeTeamMember(admin, { teamId: team.id, userId: dev.id, member: false }, context);
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(0);
    const actions = (await db.auditEvent.findMany({ where: { targetId: team.id }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["team.create", "team.add_member", "team.remove_member"]);
  });

  it("refuses a duplicate team name on the name field", async () => {
    const admin = await makeUser("admin");
    const name = `dup-${Date.now()}`;
    await createTeam(admin, { name, displayName: "" }, context);
    await expect(createTeam(admin, { name, displayName: "" }, context)).rejects.toMatchObject({
      code: "conflict",
      field: "name",
    });
  });

  it("accepts only DNS-1123 labels as names (they end up in namespaces)", () => {
    for (const bad of ["Payments", "pay_ments", "-pay", "pay-", "", "a".repeat(41), "支付"]) {
      expect(ZCreateTeamSchema.safeParse({ name: bad }).success, bad).toBe(false);
    }
    for (const good of ["payments", "team-42", "a"])
      expect(ZCreateTeamSchema.safeParse({ name: good }).success, good).toBe(true);
  });
});
