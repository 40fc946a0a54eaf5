"use server";
import { defineAction } from "@/lib/actions/define-action";
import { changeOwnPassword } from "@/lib/services/users/change-own-password";
import { saveProfileSetting } from "@/lib/services/profile/save-profile-setting";
import { ZSetTimeZoneSchema } from "@/lib/validations/profile";
import { ZChangeOwnPasswordSchema } from "@/lib/validations/user";

export const changeOwnPasswordAction = defineAction(
  "profile.edit",
  ZChangeOwnPasswordSchema,
  (input, { user, context }) => changeOwnPassword(user, input, context),
);

// The zone every time is shown in for this user, on every device; null: each browser's own.
export const setTimeZoneAction = defineAction("profile.edit", ZSetTimeZoneSchema, (input, { user, context }) =>
  saveProfileSetting(user, { name: "timeZone", value: input.timeZone, action: "user.set_time_zone" }, context),
);
