"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { PARAMETER_SECTIONS } from "@/lib/templates/parameter-sections";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type Preview = { ok: true; yaml: string } | { ok: false; errors: string[] };
type SaveInput = {
  templateId?: string;
  name: string;
  description: string;
  descriptionZh: string;
  schemaText: string;
  body: string;
  changelog: string;
};

export type TemplateEditorProps = {
  initial: Omit<SaveInput, "changelog"> & { valuesText: string };
  save: (input: SaveInput) => Promise<ActionResult<{ templateId: string; version: number }>>;
  preview: (input: { schemaText: string; body: string; valuesText: string }) => Promise<ActionResult<Preview>>;
};

const area =
  "block w-full rounded-md px-2.5 py-1.5 font-mono text-xs leading-5 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

export function TemplateEditor({ initial, save, preview }: TemplateEditorProps) {
  const { t } = useI18n();
  const router = useRouter();
  const [draft, setDraft] = useState({ ...initial, changelog: "" });
  const [rendered, setRendered] = useState<Preview | null>(null);
  const [previewing, startPreview] = useTransition();
  const saving = useAction(save, { fields: ["name", "schemaText", "body", "changelog"] });

  // Live preview: re-render 400 ms after the last keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      startPreview(async () => {
        const result = await preview({ schemaText: draft.schemaText, body: draft.body, valuesText: draft.valuesText });
        setRendered(result.ok ? result.data : { ok: false, errors: [result.error.message] });
      });
    }, 400);
    return () => clearTimeout(timer);
  }, [draft.schemaText, draft.body, draft.valuesText, preview]);

  const set = (key: keyof typeof draft) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: event.target.value }));

  return (
    <form
      noValidate
      className="grid gap-6 xl:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const { valuesText: _unused, ...input } = draft;
        saving.run(input, (saved) => router.push(`/templates/${saved.templateId}`));
      }}
    >
      <div className="space-y-3">
        {saving.error ? <Notice tone="error">{saving.error}</Notice> : null}
        {!initial.templateId ? (
          <Field
            label={t("templates.name")}
            htmlFor="template-name"
            error={saving.fields.name}
            hint={t("teams.nameHint")}
          >
            <Input id="template-name" value={draft.name} onChange={set("name")} invalid={Boolean(saving.fields.name)} />
          </Field>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("templates.description")} htmlFor="template-description">
            <Input id="template-description" value={draft.description} onChange={set("description")} />
          </Field>
          <Field label={t("templates.descriptionZh")} htmlFor="template-description-zh">
            <Input id="template-description-zh" value={draft.descriptionZh} onChange={set("descriptionZh")} />
          </Field>
        </div>
        <Field
          label={t("templates.schema")}
          htmlFor="template-schema"
          error={saving.fields.schemaText}
          hint={
            <>
              {t("templates.schemaHint")}{" "}
              <code translate="no">
                name, type, default, required, title {"{ en, zh-CN }"}, help {"{ en, zh-CN }"}, section (
                {PARAMETER_SECTIONS.join(" | ")}), advanced
              </code>
            </>
          }
        >
          <textarea
            id="template-schema"
            rows={12}
            spellCheck={false}
            className={area}
            value={draft.schemaText}
            onChange={set("schemaText")}
          />
        </Field>
        <Field
          label={t("templates.body")}
          htmlFor="template-body"
          error={saving.fields.body}
          hint={
            <>
              {t("templates.bodyHint")} <code translate="no">{"${{ params.x }}, $if:, $each:"}</code>
            </>
          }
        >
          <textarea
            id="template-body"
            rows={20}
            spellCheck={false}
            className={area}
            value={draft.body}
            onChange={set("body")}
          />
        </Field>
        <Field label={t("templates.changelog")} htmlFor="template-changelog" error={saving.fields.changelog}>
          <Input id="template-changelog" value={draft.changelog} onChange={set("changelog")} />
        </Field>
        <Button type="submit" disabled={saving.pending}>
          {saving.pending ? t("common.saving") : t("templates.saveVersion")}
        </Button>
      </div>
      <div className="space-y-3">
        <Field label={t("templates.sampleValues")} htmlFor="template-values" hint={t("templates.sampleValuesHint")}>
          <textarea
            id="template-values"
            rows={6}
            spellCheck={false}
            className={area}
            value={draft.valuesText}
            onChange={set("valuesText")}
          />
        </Field>
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-semibold text-slate-700">{t("templates.preview")}</h2>
          {previewing ? <span className="text-xs text-slate-400">{t("templates.rendering")}</span> : null}
        </div>
        {rendered && !rendered.ok ? (
          <ul
            data-testid="preview-errors"
            role="alert"
            className="space-y-1 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200"
          >
            {rendered.errors.map((error, i) => (
              <li key={i} className="whitespace-pre-wrap font-mono text-xs">
                {error}
              </li>
            ))}
          </ul>
        ) : null}
        {rendered?.ok ? (
          <pre
            data-testid="preview-yaml"
            className="max-h-[70vh] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100"
          >
            {rendered.yaml}
          </pre>
        ) : null}
      </div>
    </form>
  );
}
