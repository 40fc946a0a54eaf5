"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { decideReleaseRequest } from "@/lib/services/releases/decide-release-request";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { previewDeploy } from "@/lib/services/releases/preview-deploy";
import { rollbackRelease } from "@/lib/services/releases/rollback-release";
import { restartApp } from "@/lib/services/releases/restart-app";
import { scaleApp } from "@/lib/services/releases/scale-app";
import {
  ZDecideRequestSchema,
  ZDeploySchema,
  ZRestartSchema,
  ZRollbackSchema,
  ZScaleSchema,
} from "@/lib/validations/release";

export const previewDeployAction = defineAction(
  "apps.deploy",
  ZDeploySchema.pick({ appId: true, environmentId: true, tag: true, digest: true }),
  (input, { user }) => previewDeploy(user, input),
);

// Deploy, rollback, scale and restart answer with the release and the browser opens its live
// page at once: no re-render of the app page rides along with the answer (every page is
// dynamic and reads afresh when opened). A deploy that became a request refreshes the page.
export const deployAction = defineAction("apps.deploy", ZDeploySchema, (input, { user, context }) =>
  deployRelease(user, input, context),
);

export const rollbackAction = defineAction("apps.deploy", ZRollbackSchema, (input, { user, context }) =>
  rollbackRelease(user, input, context),
);

export const scaleAction = defineAction("apps.scale", ZScaleSchema, (input, { user, context }) =>
  scaleApp(user, input, context),
);

export const restartAction = defineAction("apps.deploy", ZRestartSchema, (input, { user, context }) =>
  restartApp(user, input, context),
);

export const decideRequestAction = defineAction(
  "releases.approve",
  ZDecideRequestSchema,
  async (input, { user, context }) => {
    const result = await decideReleaseRequest(user, input, context);
    revalidatePath("/releases");
    return result;
  },
);
