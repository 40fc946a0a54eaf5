"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setWecomUserId } from "@/lib/services/profile/set-wecom-user-id";
import { ZWecomUserIdSchema } from "@/lib/validations/subscription";

export const setWecomUserIdAction = defineAction(
  "profile.edit",
  ZWecomUserIdSchema,
  async (input, { user, context }) => {
    await setWecomUserId(user, input.wecomUserId, context);
    revalidatePath("/settings");
  },
);
