"use client";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ParameterDef } from "@/lib/templates/parameter-def";
import { FieldsInput, PairsInput, ProbeInput, ResourcesInput } from "./parameter-inputs";

type Values = Record<string, unknown>;
type Pairs = { name: string; value: string }[];
type Save = (input: { appId: string; environmentId: string; values: Values }) => Promise<ActionResult<void>>;

const asPairs = (value: unknown): Pairs =>
  Array.isArray(value)
    ? (value as Pairs)
    : value && typeof value === "object"
      ? Object.entries(value as Record<string, unknown>).map(([name, v]) => ({ name, value: String(v ?? "") }))
      : [];
const fromPairs = (pairs: Pairs) => Object.fromEntries(pairs.filter((p) => p.name).map((p) => [p.name, p.value]));
// "25%" stays a string, "1" becomes a number: rolling-update fields accept both.
const intOrPercent = (text: string) => (/^\d+$/.test(text) ? Number(text) : text || undefined);

// The parameters of one environment, as a form generated from the template version's schema.
// Secret values arrive as keys with empty values: empty means "keep what is stored".
export function ParameterForm({
  appId,
  environmentId,
  parameters,
  initial,
  save,
}: {
  appId: string;
  environmentId: string;
  parameters: ParameterDef[];
  initial: Values;
  save: Save;
}) {
  const { t, locale } = useI18n();
  const [values, setValues] = useState<Values>(initial);
  const { run, pending, fields, error, data } = useAction(save);
  const set = (name: string) => (value: unknown) => setValues((v) => ({ ...v, [name]: value }));

  function input(def: ParameterDef) {
    const id = `param-${def.name}`;
    const value = values[def.name];
    const obj = (value as Record<string, unknown> | undefined) ?? {};
    switch (def.type) {
      case "boolean":
        return (
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(def.name)(e.target.checked)} />
        );
      case "integer":
      case "port":
        return (
          <Input
            id={id}
            type="number"
            min={def.min}
            max={def.max}
            value={value === undefined ? "" : String(value)}
            onChange={(e) => set(def.name)(e.target.value === "" ? undefined : Number(e.target.value))}
          />
        );
      case "enum":
        return (
          <Select id={id} value={String(value ?? "")} onChange={(e) => set(def.name)(e.target.value)}>
            {(def.options ?? []).map((option) => (
              <option key={option}>{option}</option>
            ))}
          </Select>
        );
      case "keyValueList":
        return (
          <PairsInput
            id={id}
            pairs={asPairs(value)}
            onChange={set(def.name)}
            keyLabel={t("apps.envName")}
            valueLabel={t("apps.envValue")}
          />
        );
      case "configFiles":
        return (
          <PairsInput
            id={id}
            pairs={asPairs(value)}
            onChange={(p) => set(def.name)(fromPairs(p))}
            keyLabel={t("apps.fileName")}
            valueLabel={t("apps.fileContent")}
            multiline
          />
        );
      case "secretValues":
        return (
          <PairsInput
            id={id}
            pairs={asPairs(value)}
            onChange={(p) => set(def.name)(fromPairs(p))}
            keyLabel={t("apps.secretKey")}
            valueLabel={t("apps.secretValue")}
            secret
          />
        );
      case "resources":
        return <ResourcesInput value={obj} onChange={set(def.name)} />;
      case "probe":
        return <ProbeInput value={obj} onChange={set(def.name)} />;
      case "ingress":
        return (
          <FieldsInput
            value={obj}
            onChange={set(def.name)}
            fields={[
              { key: "host", label: t("apps.ingress.host"), kind: "text", placeholder: "hello.example.com" },
              { key: "path", label: t("apps.ingress.path"), kind: "text", placeholder: "/" },
              { key: "tlsSecret", label: t("apps.ingress.tlsSecret"), kind: "text" },
            ]}
          />
        );
      case "autoscaling":
        return (
          <FieldsInput
            value={obj}
            onChange={set(def.name)}
            fields={[
              { key: "enabled", label: t("apps.autoscaling.enabled"), kind: "boolean" },
              { key: "min", label: t("apps.autoscaling.min"), kind: "number" },
              { key: "max", label: t("apps.autoscaling.max"), kind: "number" },
              { key: "targetCpu", label: t("apps.autoscaling.targetCpu"), kind: "number" },
            ]}
          />
        );
      case "rollingUpdate":
        return (
          <FieldsInput
            value={{ maxSurge: obj.maxSurge, maxUnavailable: obj.maxUnavailable }}
            onChange={(next) =>
              set(def.name)({
                maxSurge: intOrPercent(String(next.maxSurge ?? "")),
                maxUnavailable: intOrPercent(String(next.maxUnavailable ?? "")),
              })
            }
            fields={[
              { key: "maxSurge", label: "maxSurge", kind: "text", placeholder: "25%" },
              { key: "maxUnavailable", label: "maxUnavailable", kind: "text", placeholder: "0" },
            ]}
          />
        );
      default:
        return (
          <Input
            id={id}
            value={String(value ?? "")}
            onChange={(e) => set(def.name)(e.target.value === "" ? undefined : e.target.value)}
            className={def.type === "image" ? "font-mono" : undefined}
          />
        );
    }
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        run({ appId, environmentId, values });
      }}
    >
      {data !== null && !error && Object.keys(fields).length === 0 ? (
        <Notice tone="success">{t("common.saved")}</Notice>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {parameters.map((def) => (
        <Field
          key={def.name}
          htmlFor={`param-${def.name}`}
          label={
            <span>
              <code className="font-mono">{def.name}</code>
              {def.required ? <span className="text-red-600"> *</span> : null}
            </span>
          }
          error={fields[`values.${def.name}`]}
          hint={def.help?.[locale] ?? def.help?.en}
        >
          {input(def)}
        </Field>
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}
