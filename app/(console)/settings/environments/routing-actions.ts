"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { saveEnvironmentRouting } from "@/lib/services/environments/save-environment-routing";
import { ZEnvironmentRoutingSchema } from "@/lib/validations/environment-routing";

export const saveRoutingAction = defineAction(
  "environments.manage",
  ZEnvironmentRoutingSchema,
  async (input, { user, context }) => {
    await saveEnvironmentRouting({ id: user.id, email: user.email }, input, context);
    revalidatePath(`/settings/environments/${input.id}`);
    return { routing: input.routing };
  },
);
