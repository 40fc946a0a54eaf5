"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createApp } from "@/lib/services/apps/create-app";
import { dryRunApp } from "@/lib/services/apps/dry-run-app";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { previewAppUpgrade, upgradeAppTemplate } from "@/lib/services/apps/upgrade-app-template";
import {
  ZAppEnvironmentRefSchema,
  ZCreateAppSchema,
  ZSaveAppEnvironmentSchema,
  ZUpgradeAppSchema,
} from "@/lib/validations/app";

export const createAppAction = defineAction("apps.deploy", ZCreateAppSchema, (input, { user, context }) =>
  createApp(user, input, context),
);

export const saveAppEnvironmentAction = defineAction(
  "apps.deploy",
  ZSaveAppEnvironmentSchema,
  async (input, { user, context }) => {
    await saveAppEnvironment(user, input, context);
    revalidatePath(`/apps/${input.appId}`);
  },
);

export const dryRunAppAction = defineAction(
  "apps.deploy",
  ZAppEnvironmentRefSchema,
  ({ appId, environmentId }, { user }) => dryRunApp(user, appId, environmentId),
);

export const previewUpgradeAction = defineAction(
  "apps.deploy",
  ZUpgradeAppSchema,
  ({ appId, templateVersionId }, { user }) => previewAppUpgrade(user, appId, templateVersionId),
);

export const upgradeAppAction = defineAction("apps.deploy", ZUpgradeAppSchema, async (input, { user, context }) => {
  await upgradeAppTemplate(user, input, context);
  revalidatePath(`/apps/${input.appId}`);
});
