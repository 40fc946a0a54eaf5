"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { abortCanary } from "@/lib/services/canary/abort-canary";
import { promoteCanary } from "@/lib/services/canary/promote-canary";
import { startCanary } from "@/lib/services/canary/start-canary";
import { switchCanary } from "@/lib/services/canary/switch-canary";
import { ZCanaryTargetSchema, ZStartCanarySchema, ZSwitchCanarySchema } from "@/lib/validations/canary";

// Canary releases (issue 14): the services check the team and the role once more per app.
function revalidate(appId: string) {
  revalidatePath("/canaries");
  revalidatePath(`/apps/${appId}`);
}

export const startCanaryAction = defineAction(
  "canary.promote",
  ZStartCanarySchema,
  async (input, { user, context }) => {
    const result = await startCanary(user, input, context);
    revalidate(input.appId);
    return result;
  },
);

export const switchCanaryAction = defineAction(
  "canary.toggle",
  ZSwitchCanarySchema,
  async (input, { user, context }) => {
    const result = await switchCanary(user, input, context);
    revalidate(input.appId);
    return result;
  },
);

export const promoteCanaryAction = defineAction(
  "canary.promote",
  ZCanaryTargetSchema,
  async (input, { user, context }) => {
    const result = await promoteCanary(user, input, context);
    revalidate(input.appId);
    return result;
  },
);

export const abortCanaryAction = defineAction(
  "canary.promote",
  ZCanaryTargetSchema,
  async (input, { user, context }) => {
    const result = await abortCanary(user, input, context);
    revalidate(input.appId);
    return result;
  },
);
