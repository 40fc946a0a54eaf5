"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { listImageTags } from "@/lib/services/builds/list-image-tags";
import { lookupTagDigests } from "@/lib/services/builds/lookup-tag-digests";
import { saveAppBuildSettings } from "@/lib/services/builds/save-app-build-settings";
import { triggerJenkinsBuild } from "@/lib/services/builds/trigger-jenkins-build";
import { ZTagDigestsSchema, ZTagSearchSchema } from "@/lib/validations/image-tags";
import { ZAppBuildSettingsSchema, ZTriggerBuildSchema } from "@/lib/validations/jenkins";

export const triggerBuildAction = defineAction("apps.deploy", ZTriggerBuildSchema, async (input, { user, context }) => {
  const result = await triggerJenkinsBuild(user, input, context);
  revalidatePath(`/apps/${input.appId}`);
  return result;
});

export const saveBuildSettingsAction = defineAction(
  "apps.deploy",
  ZAppBuildSettingsSchema,
  async (input, { user, context }) => {
    await saveAppBuildSettings(user, input, context);
    revalidatePath(`/apps/${input.appId}`);
  },
);

export const listImageTagsAction = defineAction("apps.deploy", ZTagSearchSchema, (input, { user }) =>
  listImageTags(user, input),
);

export const lookupTagDigestsAction = defineAction("apps.deploy", ZTagDigestsSchema, (input, { user }) =>
  lookupTagDigests(user, input),
);
