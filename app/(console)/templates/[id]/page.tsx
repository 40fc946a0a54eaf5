import { Time } from "@/components/i18n/time";
import Link from "next/link";
import { BackLink } from "@/components/ui/link-button";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/templates/diff-view";
import { TemplateEditor } from "@/components/templates/template-editor";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { lineDiff } from "@/lib/diff/line-diff";
import { getI18n } from "@/lib/i18n/server";
import { getTemplate } from "@/lib/services/templates/list-templates";
import { BUILTIN_CHANGELOG } from "@/lib/templates/builtin";
import { ZIdSchema } from "@/lib/validations/common";
import { previewTemplateAction, saveTemplateVersionAction } from "../actions";

const asText = (version: { schema: unknown; body: string }) =>
  `${JSON.stringify(version.schema, null, 2)}\n---\n${version.body}`;

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ compare?: string }>;
}) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const template = await getTemplate(id);
  if (!template) notFound();
  const { t, locale } = await getI18n();
  const latest = template.versions[0]!;
  const compare = Number((await searchParams).compare ?? latest.version);
  const shown = template.versions.find((v) => v.version === compare) ?? latest;
  const previous = template.versions.find((v) => v.version === shown.version - 1);
  return (
    <>
      <PageHeader
        title={<span translate="no">{`${template.name} · v${latest.version}`}</span>}
        subtitle={(locale === "zh-CN" && template.descriptionZh) || template.description}
        actions={<BackLink href="/templates" label={t("common.back")} />}
      />
      <div className="grid items-start gap-6 lg:grid-cols-[260px_1fr]">
        <Card title={t("templates.versions")}>
          <ol className="space-y-1 text-sm" data-testid="template-versions">
            {template.versions.map((v) => (
              <li key={v.id}>
                <Link
                  href={`/templates/${template.id}?compare=${v.version}`}
                  translate="no"
                  className={
                    v.version === shown.version ? "font-semibold text-slate-900" : "text-indigo-700 hover:underline"
                  }
                >
                  v{v.version}
                </Link>{" "}
                <span className="text-xs text-slate-500">
                  <Time value={v.createdAt} /> · {t("templates.usedBy", { count: v.appCount })}
                </span>
                {template.builtin && v.changelog === BUILTIN_CHANGELOG ? (
                  <p className="text-xs text-slate-600">{t("templates.builtinChangelog")}</p>
                ) : v.changelog ? (
                  // The author's own words, shown as written.
                  <p className="text-xs text-slate-600" translate="no">
                    {v.changelog}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </Card>
        <Card
          title={
            previous
              ? t("templates.changesIn", { from: previous.version, to: shown.version })
              : t("templates.firstVersion", { version: shown.version })
          }
        >
          <DiffView testId="version-diff" lines={lineDiff(previous ? asText(previous) : "", asText(shown))} />
        </Card>
      </div>
      {can(user.role, "templates.manage") ? (
        <section className="mt-8">
          <h2 className="mb-3 text-base font-semibold">{t("templates.newVersion", { version: latest.version + 1 })}</h2>
          <TemplateEditor
            save={saveTemplateVersionAction}
            preview={previewTemplateAction}
            initial={{
              templateId: template.id,
              name: template.name,
              description: template.description,
              descriptionZh: template.descriptionZh,
              schemaText: JSON.stringify(latest.schema, null, 2),
              body: latest.body,
              valuesText: "{}",
            }}
          />
        </section>
      ) : null}
    </>
  );
}
