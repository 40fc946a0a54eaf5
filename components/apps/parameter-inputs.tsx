"use client";
import { useState, type ReactNode } from "react";
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

type Pair = { name: string; value: string };

// Rows of name and value. The rows live here, so a row just added (no name yet) stays on the
// screen even where the value reported upwards is a map, which has no place for it.
export function PairsInput({
  id,
  initial,
  onChange,
  keyLabel,
  valueLabel,
  secret,
  multiline,
}: {
  id: string;
  initial: Pair[];
  onChange: Change<Pair[]>;
  keyLabel: string;
  valueLabel: string;
  secret?: boolean;
  multiline?: boolean;
}) {
  const { t } = useI18n();
  const [pairs, setPairs] = useState(initial);
  const change = (next: Pair[]) => {
    setPairs(next);
    onChange(next);
  };
  const update = (index: number, patch: Partial<Pair>) =>
    change(pairs.map((pair, i) => (i === index ? { ...pair, ...patch } : pair)));
  return (
    <div className="space-y-2" id={id}>
      {pairs.map((pair, index) => (
        <div key={index} className="flex items-start gap-2" data-testid={`${id}-row`}>
          <Input
            aria-label={keyLabel}
            placeholder={keyLabel}
            value={pair.name}
            onChange={(e) => update(index, { name: e.target.value })}
            className="w-48 shrink-0 font-mono"
          />
          {multiline ? (
            <textarea
              aria-label={valueLabel}
              rows={3}
              value={pair.value}
              onChange={(e) => update(index, { value: e.target.value })}
              className="block w-full rounded-md px-2.5 py-1.5 font-mono text-xs ring-1 ring-slate-300 ring-inset"
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
          <Button variant="ghost" onClick={() => change(pairs.filter((_, i) => i !== index))}>
            {t("common.remove")}
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => change([...pairs, { name: "", value: "" }])}>
        {t("common.add")}
      </Button>
    </div>
  );
}

export function ResourcesInput({ id, value, onChange }: { id: string; value: Obj; onChange: Change<Obj> }) {
  const { t } = useI18n();
  const part = (side: "requests" | "limits") => (value[side] as Obj | undefined) ?? {};
  const set = (side: "requests" | "limits", key: "cpu" | "memory", text: string) => {
    const next = { ...part(side), [key]: text || undefined };
    onChange({ ...value, [side]: next });
  };
  return (
    <div id={id} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {(["requests", "limits"] as const).flatMap((side) =>
        (["cpu", "memory"] as const).map((key) => (
          <Labeled key={`${side}.${key}`} label={t(`apps.resources.${side}.${key}`)}>
            <Input
              value={str(part(side)[key])}
              placeholder={key === "cpu" ? "250m" : "256Mi"}
              translate="no"
              onChange={(e) => set(side, key, e.target.value)}
            />
          </Labeled>
        )),
      )}
    </div>
  );
}

export function ProbeInput({ id, value, onChange }: { id: string; value: Obj; onChange: Change<Obj> }) {
  const { t } = useI18n();
  const type = str(value.type) || "http";
  const set = (key: string, v: unknown) => onChange({ ...value, [key]: v });
  return (
    <div id={id} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      <Labeled label={t("apps.probe.type")}>
        <Select value={type} onChange={(e) => onChange({ ...value, type: e.target.value })}>
          <option value="http">{t("params.probe.http")}</option>
          <option value="tcp">{t("params.probe.tcp")}</option>
          <option value="exec">{t("params.probe.exec")}</option>
        </Select>
      </Labeled>
      {type === "http" ? (
        <Labeled label={t("apps.probe.path")}>
          <Input
            value={str(value.path)}
            placeholder="/healthz"
            translate="no"
            onChange={(e) => set("path", e.target.value)}
          />
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
            translate="no"
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
  id,
  value,
  onChange,
  fields,
}: {
  id: string;
  value: Obj;
  onChange: Change<Obj>;
  fields: { key: string; label: string; kind: "text" | "number" | "boolean"; placeholder?: string }[];
}) {
  return (
    <div id={id} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
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
              // The placeholders are example values (a host, a path, a percentage): data.
              translate={field.placeholder ? "no" : undefined}
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
