"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { checkEnvironmentGrafana } from "@/lib/services/grafana/check-environment-grafana";
import { saveGrafanaSettings } from "@/lib/services/grafana/save-grafana-settings";
import { ZGrafanaEnvironmentSchema, ZGrafanaSettingsSchema } from "@/lib/validations/grafana";

export const saveGrafanaSettingsAction = defineAction(
  "environments.manage",
  ZGrafanaSettingsSchema,
  async (input, { user, context }) => {
    const saved = await saveGrafanaSettings({ id: user.id, email: user.email }, input, context);
    revalidatePath(`/settings/environments/${input.environmentId}`);
    return saved;
  },
);

export const checkGrafanaAction = defineAction(
  "environments.manage",
  ZGrafanaEnvironmentSchema,
  async ({ environmentId }) => {
    const check = await checkEnvironmentGrafana(environmentId);
    revalidatePath(`/settings/environments/${environmentId}`);
    return check;
  },
);
