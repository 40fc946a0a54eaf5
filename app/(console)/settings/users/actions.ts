"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createUser } from "@/lib/services/users/create-user";
import { resetUserPassword } from "@/lib/services/users/reset-user-password";
import { setUserDisabled } from "@/lib/services/users/set-user-disabled";
import { updateUser } from "@/lib/services/users/update-user";
import {
  ZCreateUserSchema,
  ZResetPasswordSchema,
  ZSetUserDisabledSchema,
  ZUpdateUserSchema,
} from "@/lib/validations/user";

export const createUserAction = defineAction("users.manage", ZCreateUserSchema, async (input, { user, context }) => {
  const created = await createUser({ id: user.id, email: user.email }, input, context);
  revalidatePath("/settings/users");
  return created;
});

export const updateUserAction = defineAction("users.manage", ZUpdateUserSchema, async (input, { user, context }) => {
  await updateUser(user, input, context);
  revalidatePath("/settings/users");
});

export const setUserDisabledAction = defineAction(
  "users.manage",
  ZSetUserDisabledSchema,
  async (input, { user, context }) => {
    await setUserDisabled(user, input, context);
    revalidatePath("/settings/users");
  },
);

export const resetPasswordAction = defineAction("users.manage", ZResetPasswordSchema, (input, { user, context }) =>
  resetUserPassword(user, input, context),
);
