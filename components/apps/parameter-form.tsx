"use client";
import { useState, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { MessageText } from "@/components/i18n/message-text";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { TextWithCode } from "@/components/ui/text-with-code";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { readValueProblem } from "@/lib/i18n/value-problem-text";
import type { ParameterDef } from "@/lib/templates/parameter-def";
import { PARAMETER_SECTIONS, type ParameterSection } from "@/lib/templates/parameter-sections";
import { ParameterInput } from "./parameter-input";

type Values = Record<string, unknown>;
type Save = (input: { appId: string; environmentId: string; values: Values }) => Promise<ActionResult<void>>;

// Structured parameters take the full width; simple ones share a row.
const WIDE = new Set(["keyValueList", "configFiles", "secretValues", "resources", "probe", "ingress", "autoscaling"]);

function ParameterField({
  def,
  error,
  readOnly,
  readOnlyHint,
  children,
}: {
  def: ParameterDef;
  error?: string;
  readOnly: boolean;
  readOnlyHint?: string;
  children: ReactNode;
}) {
  const { locale } = useI18n();
  const title = def.title?.[locale] ?? def.title?.en;
  const help = def.help?.[locale];
  // A custom template's help in another language only: the author's words, shown as written.
  const otherHelp = help ? undefined : def.help?.en;
  const problem = error ? readValueProblem(error) : null;
  return (
    <div className={WIDE.has(def.type) ? "space-y-1 sm:col-span-2" : "space-y-1"} data-testid={`param-${def.name}`}>
      <label htmlFor={`param-${def.name}`} className="flex flex-wrap items-baseline gap-x-2 text-sm font-medium">
        {title ? <span className="text-slate-800">{title}</span> : null}
        <code translate="no" className={title ? "text-xs font-normal text-slate-400" : "text-slate-800"}>
          {def.name}
        </code>
        {def.required ? <span className="text-red-600">*</span> : null}
      </label>
      <fieldset disabled={readOnly} className="min-w-0 disabled:opacity-70">
        {children}
      </fieldset>
      {error ? (
        <p id={`param-${def.name}-error`} role="alert" className="text-sm text-red-600">
          {problem ? <MessageText message={problem} /> : error}
        </p>
      ) : null}
      {!error && (help || otherHelp) ? (
        <p className="text-xs text-slate-500" {...(otherHelp ? { lang: "en", translate: "no" } : {})}>
          <TextWithCode text={help ?? otherHelp ?? ""} />
        </p>
      ) : null}
      {readOnlyHint ? <p className="text-xs text-amber-700">{readOnlyHint}</p> : null}
    </div>
  );
}

// The parameters of one environment, as a form generated from the template version's schema:
// sections in a fixed order, rarely changed parameters folded away, each parameter under its
// title with its key as a hint. Secret values arrive as keys with empty values: empty means
// "keep what is stored". Without `save` the form only shows the values; `readOnlyKeys` are
// shown but not editable (replicas and autoscaling, for roles that may not scale).
export function ParameterForm({
  appId,
  environmentId,
  parameters,
  initial,
  save,
  readOnlyKeys = [],
}: {
  appId: string;
  environmentId: string;
  parameters: ParameterDef[];
  initial: Values;
  save?: Save;
  readOnlyKeys?: string[];
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(initial);
  const { run, pending, fields, error, data } = useAction(
    save ?? (async () => ({ ok: false, error: { code: "forbidden", message: "" } })),
    { fields: (field) => parameters.some((def) => field === `values.${def.name}`) },
  );
  const set = (name: string) => (value: unknown) => setValues((v) => ({ ...v, [name]: value }));
  const field = (def: ParameterDef) => {
    const locked = !save || readOnlyKeys.includes(def.name);
    return (
      <ParameterField
        key={def.name}
        def={def}
        readOnly={locked}
        error={fields[`values.${def.name}`]}
        {...(save && readOnlyKeys.includes(def.name) ? { readOnlyHint: t("params.readOnlyScale") } : {})}
      >
        <ParameterInput def={def} value={values[def.name]} onChange={set(def.name)} />
      </ParameterField>
    );
  };
  const sectionOf = (def: ParameterDef): ParameterSection => def.section ?? "basics";
  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        run({ appId, environmentId, values });
      }}
    >
      {!save ? <Notice tone="info">{t("params.readOnly")}</Notice> : null}
      {data !== null && !error && Object.keys(fields).length === 0 ? (
        <Notice tone="success">{t("common.saved")}</Notice>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {PARAMETER_SECTIONS.map((section) => {
        const inSection = parameters.filter((def) => sectionOf(def) === section);
        if (inSection.length === 0) return null;
        const basic = inSection.filter((def) => !def.advanced);
        // An advanced parameter with an error opens its fold.
        const advanced = inSection.filter((def) => def.advanced);
        const advancedError = advanced.some((def) => fields[`values.${def.name}`]);
        return (
          <section
            key={section}
            aria-labelledby={`params-${section}-title`}
            data-testid={`params-${section}`}
            className="space-y-3"
          >
            <h3
              id={`params-${section}-title`}
              className="border-b border-slate-100 pb-1 text-sm font-semibold whitespace-nowrap text-slate-900"
            >
              {t(`params.section.${section}`)}
            </h3>
            {basic.length > 0 ? <div className="grid gap-4 sm:grid-cols-2">{basic.map(field)}</div> : null}
            {advanced.length > 0 ? (
              <details open={advancedError || undefined} className="group">
                <summary className="cursor-pointer text-sm whitespace-nowrap text-slate-500 hover:text-slate-900">
                  {t("params.advanced", { count: advanced.length })}
                </summary>
                <div className="mt-3 grid gap-4 sm:grid-cols-2">{advanced.map(field)}</div>
              </details>
            ) : null}
          </section>
        );
      })}
      {save ? (
        <Button type="submit" disabled={pending}>
          {pending ? t("common.saving") : t("common.save")}
        </Button>
      ) : null}
    </form>
  );
}
