"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { deleteJenkinsServer } from "@/lib/services/integrations/delete-jenkins-server";
import { deleteRegistry } from "@/lib/services/integrations/delete-registry";
import { rotateWebhookSecret } from "@/lib/services/integrations/rotate-webhook-secret";
import { saveJenkinsServer } from "@/lib/services/integrations/save-jenkins-server";
import { saveRegistry } from "@/lib/services/integrations/save-registry";
import { testIntegrationConnection } from "@/lib/services/integrations/test-integration-connection";
import { ZIntegrationRefSchema, ZJenkinsServerSchema, ZRegistrySchema } from "@/lib/validations/integration";

export const saveRegistryAction = defineAction(
  "integrations.manage",
  ZRegistrySchema,
  async (input, { user, context }) => {
    const saved = await saveRegistry({ id: user.id, email: user.email }, input, context);
    revalidatePath("/integrations");
    return saved;
  },
);

export const saveJenkinsServerAction = defineAction(
  "integrations.manage",
  ZJenkinsServerSchema,
  async (input, { user, context }) => {
    const saved = await saveJenkinsServer({ id: user.id, email: user.email }, input, context);
    revalidatePath("/integrations");
    return saved;
  },
);

export const testIntegrationAction = defineAction("integrations.manage", ZIntegrationRefSchema, async (input) => {
  const check = await testIntegrationConnection(input);
  revalidatePath("/integrations");
  return check;
});

export const rotateWebhookSecretAction = defineAction(
  "integrations.manage",
  ZIntegrationRefSchema,
  async (input, { user, context }) => rotateWebhookSecret({ id: user.id, email: user.email }, input, context),
);

export const deleteIntegrationAction = defineAction(
  "integrations.manage",
  ZIntegrationRefSchema,
  async (input, { user, context }) => {
    const actor = { id: user.id, email: user.email };
    if (input.kind === "registry") await deleteRegistry(actor, input.id, context);
    else await deleteJenkinsServer(actor, input.id, context);
    revalidatePath("/integrations");
  },
);
