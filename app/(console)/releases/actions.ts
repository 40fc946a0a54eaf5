"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { decideReleaseRequest } from "@/lib/services/releases/release-requests";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { previewDeploy } from "@/lib/services/releases/preview-deploy";
import { rollbackRelease } from "@/lib/services/releases/rollback-release";
import { restartApp, scaleApp } from "@/lib/services/releases/scale-app";
import {
  ZDecideRequestSchema,
  ZDeploySchema,
  ZRestartSchema,
  ZRollbackSchema,
  ZScaleSchema,
} from "@/lib/validations/release";

export const previewDeployAction = defineAction(
  "apps.deploy",
  ZDeploySchema.pick({ appId: true, environmentId: true, tag: true }),
  (input, { user }) => previewDeploy(user, input),
);

export const deployAction = defineAction("apps.deploy", ZDeploySchema, async (input, { user, context }) => {
  const result = await deployRelease(user, input, context);
  revalidatePath(`/apps/${input.appId}`);
  return result;
});

export const rollbackAction = defineAction("apps.deploy", ZRollbackSchema, async (input, { user, context }) => {
  const result = await rollbackRelease(user, input, context);
  revalidatePath(`/apps/${input.appId}`);
  return result;
});

export const scaleAction = defineAction("apps.scale", ZScaleSchema, async (input, { user, context }) => {
  const result = await scaleApp(user, input, context);
  revalidatePath(`/apps/${input.appId}`);
  return result;
});

export const restartAction = defineAction("apps.deploy", ZRestartSchema, async (input, { user, context }) => {
  const result = await restartApp(user, input, context);
  revalidatePath(`/apps/${input.appId}`);
  return result;
});

export const decideRequestAction = defineAction(
  "releases.approve",
  ZDecideRequestSchema,
  async (input, { user, context }) => {
    const result = await decideReleaseRequest(user, input, context);
    revalidatePath("/releases");
    return result;
  },
);
