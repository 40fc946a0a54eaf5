"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { settleFailedJob } from "@/lib/services/jobs/settle-failed-job";
import { ZJobSchema } from "@/lib/validations/job";

export const retryJobAction = defineAction("jobs.manage", ZJobSchema, async (input, { user, context }) => {
  await settleFailedJob(user, input, "retry", context);
  revalidatePath("/jobs");
});

export const discardJobAction = defineAction("jobs.manage", ZJobSchema, async (input, { user, context }) => {
  await settleFailedJob(user, input, "discard", context);
  revalidatePath("/jobs");
});
