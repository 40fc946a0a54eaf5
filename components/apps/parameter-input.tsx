"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Input, Select } from "@/components/ui/field";
import type { ParameterDef } from "@/lib/templates/parameter-def";
import { FieldsInput, PairsInput, ProbeInput, ResourcesInput } from "./parameter-inputs";

type Pairs = { name: string; value: string }[];

const asPairs = (value: unknown): Pairs =>
  Array.isArray(value)
    ? (value as Pairs)
    : value && typeof value === "object"
      ? Object.entries(value as Record<string, unknown>).map(([name, v]) => ({ name, value: String(v ?? "") }))
      : [];
const fromPairs = (pairs: Pairs) => Object.fromEntries(pairs.filter((p) => p.name).map((p) => [p.name, p.value]));
// "25%" stays a string, "1" becomes a number: rolling-update fields accept both.
const intOrPercent = (text: string) => (/^\d+$/.test(text) ? Number(text) : text || undefined);

// The input for one parameter, by its type; it reports the new value and knows nothing of forms.
export function ParameterInput({
  def,
  value,
  onChange,
}: {
  def: ParameterDef;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { t } = useI18n();
  const id = `param-${def.name}`;
  const obj = (value as Record<string, unknown> | undefined) ?? {};
  switch (def.type) {
    case "boolean":
      return <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case "integer":
    case "port":
      return (
        <Input
          id={id}
          type="number"
          min={def.min}
          max={def.max}
          value={value === undefined ? "" : String(value)}
          onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      );
    case "enum":
      return (
        <Select id={id} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)}>
          {(def.options ?? []).map((option) => (
            <option key={option}>{option}</option>
          ))}
        </Select>
      );
    case "keyValueList":
      return (
        <PairsInput
          id={id}
          initial={asPairs(value)}
          onChange={onChange}
          keyLabel={t("apps.envName")}
          valueLabel={t("apps.envValue")}
        />
      );
    case "configFiles":
    case "secretValues": {
      // Both are maps of name to text; secrets are typed blind and kept when left empty.
      const secret = def.type === "secretValues";
      return (
        <PairsInput
          id={id}
          initial={asPairs(value)}
          onChange={(pairs) => onChange(fromPairs(pairs))}
          keyLabel={t(secret ? "apps.secretKey" : "apps.fileName")}
          valueLabel={t(secret ? "apps.secretValue" : "apps.fileContent")}
          {...(secret ? { secret } : { multiline: true })}
        />
      );
    }
    case "resources":
      return <ResourcesInput id={id} value={obj} onChange={onChange} />;
    case "probe":
      return <ProbeInput id={id} value={obj} onChange={onChange} />;
    case "ingress":
      return (
        <FieldsInput
          id={id}
          value={obj}
          onChange={onChange}
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
          id={id}
          value={obj}
          onChange={onChange}
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
          id={id}
          value={{ maxSurge: obj.maxSurge, maxUnavailable: obj.maxUnavailable }}
          onChange={(next) =>
            onChange({
              maxSurge: intOrPercent(String(next.maxSurge ?? "")),
              maxUnavailable: intOrPercent(String(next.maxUnavailable ?? "")),
            })
          }
          fields={[
            { key: "maxSurge", label: t("params.rollingUpdate.maxSurge"), kind: "text", placeholder: "25%" },
            { key: "maxUnavailable", label: t("params.rollingUpdate.maxUnavailable"), kind: "text", placeholder: "0" },
          ]}
        />
      );
    default:
      return (
        <Input
          id={id}
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          className={def.type === "image" ? "font-mono" : undefined}
        />
      );
  }
}
