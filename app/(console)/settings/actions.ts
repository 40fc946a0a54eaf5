"use server";
import { defineAction } from "@/lib/actions/define-action";
import { changeOwnPassword } from "@/lib/services/users/change-own-password";
import { ZChangeOwnPasswordSchema } from "@/lib/validations/user";

export const changeOwnPasswordAction = defineAction(
  "profile.edit",
  ZChangeOwnPasswordSchema,
  (input, { user, context }) => changeOwnPassword(user, input, context),
);
