"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { testEnvironmentConnection } from "@/lib/services/environments/test-environment-connection";
import { ZEnvironmentIdSchema, ZEnvironmentSchema } from "@/lib/validations/environment";

export const saveEnvironmentAction = defineAction(
  "environments.manage",
  ZEnvironmentSchema,
  async (input, { user, context }) => {
    const saved = await saveEnvironment({ id: user.id, email: user.email }, input, context);
    revalidatePath("/settings/environments");
    return saved;
  },
);

export const testConnectionAction = defineAction("environments.manage", ZEnvironmentIdSchema, async ({ id }) => {
  const check = await testEnvironmentConnection(id);
  revalidatePath("/settings/environments");
  return check;
});
