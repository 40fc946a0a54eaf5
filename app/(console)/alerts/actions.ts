"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { muteAlert } from "@/lib/services/alerts/mute-alert";
import { rollbackFromAlert } from "@/lib/services/alerts/rollback-from-alert";
import { markInboxRead } from "@/lib/services/inbox/mark-inbox-read";
import { deleteSubscription } from "@/lib/services/subscriptions/delete-subscription";
import { saveSubscription } from "@/lib/services/subscriptions/save-subscription";
import { z } from "zod";
import {
  ZAlertIdSchema,
  ZDeleteSubscriptionSchema,
  ZMuteAlertSchema,
  ZSubscriptionSchema,
} from "@/lib/validations/subscription";

// Muting checks its own rule (ops, admins, the app's team) in the service.
export const muteAlertAction = defineAction("console.read", ZMuteAlertSchema, async (input, { user, context }) => {
  const result = await muteAlert(user, input, context);
  revalidatePath(`/alerts/${input.alertId}`);
  return { until: result.until.toISOString() };
});

export const rollbackFromAlertAction = defineAction("apps.deploy", ZAlertIdSchema, async (input, { user, context }) => {
  const result = await rollbackFromAlert(user, input.alertId, context);
  revalidatePath(`/alerts/${input.alertId}`);
  return result;
});

export const saveSubscriptionAction = defineAction(
  "subscriptions.own",
  ZSubscriptionSchema,
  async (input, { user, context }) => {
    const result = await saveSubscription(user, input, context);
    revalidatePath("/alerts/subscriptions");
    return result;
  },
);

export const deleteSubscriptionAction = defineAction(
  "subscriptions.own",
  ZDeleteSubscriptionSchema,
  async (input, { user, context }) => {
    await deleteSubscription(user, input.id, context);
    revalidatePath("/alerts/subscriptions");
  },
);

export const markInboxReadAction = defineAction("console.read", z.object({}), async (_input, { user, context }) => {
  const count = await markInboxRead(user, context);
  revalidatePath("/inbox");
  return count;
});
