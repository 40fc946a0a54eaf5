import { TemplateEditor } from "@/components/templates/template-editor";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { BUILTIN_TEMPLATES } from "@/lib/templates/builtin";
import { previewTemplateAction, saveTemplateVersionAction } from "../actions";

// A new template starts from the built-in worker: small, and every construct is in it.
const STARTER = BUILTIN_TEMPLATES.find((template) => template.name === "worker") ?? BUILTIN_TEMPLATES[0]!;

export default async function NewTemplatePage() {
  await requirePageUser("templates.manage");
  const { t } = await getI18n();
  return (
    <>
      <PageHeader title={t("templates.create")} />
      <TemplateEditor
        save={saveTemplateVersionAction}
        preview={previewTemplateAction}
        initial={{
          name: "",
          description: "",
          descriptionZh: "",
          schemaText: JSON.stringify(STARTER.schema, null, 2),
          body: STARTER.body,
          valuesText: "{}",
        }}
      />
    </>
  );
}
