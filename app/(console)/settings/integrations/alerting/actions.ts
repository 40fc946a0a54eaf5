"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { saveAlertingSettings } from "@/lib/services/alerting/save-alerting-settings";
import {
  ZAlertmanagerSettingsSchema,
  ZMessageSettingsSchema,
  ZSmtpSettingsSchema,
  ZWecomSettingsSchema,
} from "@/lib/validations/alerting-settings";

const PATH = "/settings/integrations/alerting";

export const saveAlertmanagerSettingsAction = defineAction(
  "integrations.manage",
  ZAlertmanagerSettingsSchema,
  async (input, { user, context }) => {
    await saveAlertingSettings(user, { section: "alertmanager", input }, context);
    revalidatePath(PATH);
  },
);

export const saveMessageSettingsAction = defineAction(
  "integrations.manage",
  ZMessageSettingsSchema,
  async (input, { user, context }) => {
    await saveAlertingSettings(user, { section: "messages", input }, context);
    revalidatePath(PATH);
  },
);

export const saveWecomSettingsAction = defineAction(
  "integrations.manage",
  ZWecomSettingsSchema,
  async (input, { user, context }) => {
    await saveAlertingSettings(user, { section: "wecom", input }, context);
    revalidatePath(PATH);
  },
);

export const saveSmtpSettingsAction = defineAction(
  "integrations.manage",
  ZSmtpSettingsSchema,
  async (input, { user, context }) => {
    await saveAlertingSettings(user, { section: "smtp", input }, context);
    revalidatePath(PATH);
  },
);
