"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { changeTeamMember } from "@/lib/services/teams/change-team-member";
import { createTeam } from "@/lib/services/teams/create-team";
import { ZCreateTeamSchema, ZTeamMemberSchema } from "@/lib/validations/team";

export const createTeamAction = defineAction("teams.manage", ZCreateTeamSchema, async (input, { user, context }) => {
  const team = await createTeam(user, input, context);
  revalidatePath("/settings/teams");
  return { id: team.id, name: team.name };
});

export const addTeamMemberAction = defineAction("teams.manage", ZTeamMemberSchema, async (input, { user, context }) => {
  await changeTeamMember(user, { ...input, member: true }, context);
  revalidatePath("/settings/teams");
});

export const removeTeamMemberAction = defineAction(
  "teams.manage",
  ZTeamMemberSchema,
  async (input, { user, context }) => {
    await changeTeamMember(user, { ...input, member: false }, context);
    revalidatePath("/settings/teams");
  },
);
