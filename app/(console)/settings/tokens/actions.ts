"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createPipelineToken } from "@/lib/services/tokens/create-pipeline-token";
import { revokePipelineToken } from "@/lib/services/tokens/revoke-pipeline-token";
import { ZCreatePipelineTokenSchema, ZPipelineTokenIdSchema } from "@/lib/validations/pipeline-token";

export const createPipelineTokenAction = defineAction(
  "apps.deploy",
  ZCreatePipelineTokenSchema,
  async (input, { user, context }) => {
    const created = await createPipelineToken(user, input, context);
    revalidatePath("/settings/tokens");
    return { token: created.token };
  },
);

export const revokePipelineTokenAction = defineAction(
  "apps.deploy",
  ZPipelineTokenIdSchema,
  async ({ id }, { user, context }) => {
    await revokePipelineToken(user, id, context);
    revalidatePath("/settings/tokens");
  },
);
