"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { resetAppPanels } from "@/lib/services/grafana/reset-app-panels";
import { saveAppPanels } from "@/lib/services/grafana/save-app-panels";
import { ZAppGrafanaSchema, ZAppIdSchema } from "@/lib/validations/grafana";

export const saveAppPanelsAction = defineAction("apps.deploy", ZAppGrafanaSchema, async (input, { user, context }) => {
  await saveAppPanels(user, input, context);
  revalidatePath(`/apps/${input.appId}/monitoring`);
});

export const resetAppPanelsAction = defineAction("apps.deploy", ZAppIdSchema, async ({ appId }, { user, context }) => {
  await resetAppPanels(user, appId, context);
  revalidatePath(`/apps/${appId}/monitoring`);
});
