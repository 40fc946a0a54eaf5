"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { previewTemplate } from "@/lib/services/templates/preview-template";
import { saveTemplateVersion } from "@/lib/services/templates/save-template-version";
import { ZPreviewTemplateSchema, ZSaveTemplateVersionSchema } from "@/lib/validations/template";

export const saveTemplateVersionAction = defineAction(
  "templates.manage",
  ZSaveTemplateVersionSchema,
  async (input, { user, context }) => {
    const saved = await saveTemplateVersion({ id: user.id, email: user.email }, input, context);
    revalidatePath("/templates");
    return saved;
  },
);

export const previewTemplateAction = defineAction("templates.manage", ZPreviewTemplateSchema, async (input) =>
  previewTemplate(input),
);
