"use client";
import type { ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

// Inputs for the structured parameter types. Each takes the current value and reports a new
// one; none knows about forms or saving.
type Change<T> = (value: T) => void;
type Obj = Record<string, unknown>;

const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const num = (text: string) => (text.trim() === "" ? undefined : Number(text));

function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="block text-xs text-slate-500">
      {label}
      <div className="mt-0.5">{children}</div>
    </label>
  );
}

export function PairsInput({
  id,
  pairs,
  onChange,
  keyLabel,
  valueLabel,
  secret,
  multiline,
}: {
  id: string;
  pairs: { name: string; value: string }[];
  onChange: Change<{ name: string; value: string }[]>;
  keyLabel: string;
  valueLabel: string;
  secret?: boolean;
  multiline?: boolean;
}) {
  const { t } = useI18n();
  const update = (index: number, patch: Partial<{ name: string; value: string }>) =>
    onChange(pairs.map((pair, i) => (i === index ? { ...pair, ...patch } : pair)));
  return (
    <div className="space-y-2" id={id}>
      {pairs.map((pair, index) => (
        <div key={index} className="flex items-start gap-2">
          <Input
            aria-label={keyLabel}
            placeholder={keyLabel}
            value={pair.name}
            onChange={(e) => update(index, { name: e.target.value })}
            className="w-48 font-mono"
          />
          {multiline ? (
            <textarea
              aria-label={valueLabel}
              rows={3}
              value={pair.value}
              onChange={(e) => update(index, { value: e.target.value })}
              className="block w-full rounded-md px-2.5 py-1.5 font-mono text-xs ring-1 ring-inset ring-slate-300"
            />
          ) : (
            <Input
              aria-label={valueLabel}
              placeholder={secret ? t("apps.secretKeep") : valueLabel}
              type={secret ? "password" : "text"}
              autoComplete="off"
              value={pair.value}
              onChange={(e) => update(index, { value: e.target.value })}
              className="font-mono"
            />
          )}
          <Button variant="ghost" onClick={() => onChange(pairs.filter((_, i) => i !== index))}>
            {t("common.remove")}
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => onChange([...pairs, { name: "", value: "" }])}>
        {t("common.add")}
      </Button>
    </div>
  );
}

export function ResourcesInput({ value, onChange }: { value: Obj; onChange: Change<Obj> }) {
  const { t } = useI18n();
  const part = (side: "requests" | "limits") => (value[side] as Obj | undefined) ?? {};
  const set = (side: "requests" | "limits", key: "cpu" | "memory", text: string) => {
    const next = { ...part(side), [key]: text || undefined };
    onChange({ ...value, [side]: next });
  };
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {(["requests", "limits"] as const).flatMap((side) =>
        (["cpu", "memory"] as const).map((key) => (
          <Labeled key={`${side}.${key}`} label={t(`apps.resources.${side}.${key}`)}>
            <Input
              value={str(part(side)[key])}
              placeholder={key === "cpu" ? "250m" : "256Mi"}
              onChange={(e) => set(side, key, e.target.value)}
            />
          </Labeled>
        )),
      )}
    </div>
  );
}

export function ProbeInput({ value, onChange }: { value: Obj; onChange: Change<Obj> }) {
  const { t } = useI18n();
  const type = str(value.type) || "http";
  const set = (key: string, v: unknown) => onChange({ ...value, [key]: v });
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      <Labeled label={t("apps.probe.type")}>
        <Select value={type} onChange={(e) => onChange({ ...value, type: e.target.value })}>
          <option value="http">HTTP</option>
          <option value="tcp">TCP</option>
          <option value="exec">exec</option>
        </Select>
      </Labeled>
      {type === "http" ? (
        <Labeled label={t("apps.probe.path")}>
          <Input value={str(value.path)} placeholder="/healthz" onChange={(e) => set("path", e.target.value)} />
        </Labeled>
      ) : null}
      {type !== "exec" ? (
        <Labeled label={t("apps.probe.port")}>
          <Input type="number" value={str(value.port)} onChange={(e) => set("port", num(e.target.value))} />
        </Labeled>
      ) : (
        <Labeled label={t("apps.probe.command")}>
          <Input
            value={Array.isArray(value.command) ? value.command.join(" ") : ""}
            placeholder="cat /tmp/ready"
            onChange={(e) => set("command", e.target.value.split(" ").filter(Boolean))}
          />
        </Labeled>
      )}
      {(["initialDelaySeconds", "periodSeconds", "failureThreshold"] as const).map((key) => (
        <Labeled key={key} label={t(`apps.probe.${key}`)}>
          <Input type="number" min={0} value={str(value[key])} onChange={(e) => set(key, num(e.target.value))} />
        </Labeled>
      ))}
    </div>
  );
}

export function FieldsInput({
  value,
  onChange,
  fields,
}: {
  value: Obj;
  onChange: Change<Obj>;
  fields: { key: string; label: string; kind: "text" | "number" | "boolean"; placeholder?: string }[];
}) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {fields.map((field) =>
        field.kind === "boolean" ? (
          <label key={field.key} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={value[field.key] === true}
              onChange={(e) => onChange({ ...value, [field.key]: e.target.checked })}
            />
            {field.label}
          </label>
        ) : (
          <Labeled key={field.key} label={field.label}>
            <Input
              type={field.kind === "number" ? "number" : "text"}
              placeholder={field.placeholder}
              value={str(value[field.key])}
              onChange={(e) =>
                onChange({
                  ...value,
                  [field.key]: field.kind === "number" ? num(e.target.value) : e.target.value || undefined,
                })
              }
            />
          </Labeled>
        ),
      )}
    </div>
  );
}
