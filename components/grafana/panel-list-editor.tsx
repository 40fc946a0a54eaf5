"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { GrafanaPanel } from "@/lib/grafana/types";

// A panel as typed: the id stays text until the server has checked it is a number.
export type PanelRow = { key: number; id: string; title: string; height: string };

let nextKey = 0;

export function toPanelRows(panels: GrafanaPanel[]): PanelRow[] {
  return panels.map((panel) => ({
    key: nextKey++,
    id: String(panel.id),
    title: panel.title,
    height: String(panel.height),
  }));
}

// What the forms send: the server checks the id is a number.
export type PanelInput = Omit<PanelRow, "key">;

export function fromPanelRows(rows: PanelRow[]): PanelInput[] {
  return rows.map(({ id, title, height }) => ({ id, title, height }));
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

// Panels in the order they are shown: add, remove, move, and each field's error from the
// server ("panels.2.id").
export function PanelListEditor({
  prefix,
  rows,
  onChange,
  fields,
}: {
  prefix: string;
  rows: PanelRow[];
  onChange: (rows: PanelRow[]) => void;
  fields: Record<string, string>;
}) {
  const { t } = useI18n();
  const set = (index: number, patch: Partial<PanelRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const cell = (index: number, name: "id" | "title" | "height", label: string, className: string) => {
    const id = `${prefix}-panel-${index}-${name}`;
    const error = fields[`panels.${index}.${name}`];
    return (
      <div className={className}>
        <Input
          id={id}
          aria-label={`${label} ${index + 1}`}
          value={rows[index]![name]}
          inputMode={name === "title" ? undefined : "numeric"}
          invalid={Boolean(error)}
          onChange={(e) => set(index, { [name]: e.target.value })}
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <div className="space-y-2" data-testid={`${prefix}-panels`}>
      <div className="grid grid-cols-[90px_1fr_100px_auto] gap-2 text-xs font-medium text-slate-600">
        <span>{t("grafana.panels.id")}</span>
        <span>{t("grafana.panels.panelTitle")}</span>
        <span>{t("grafana.panels.height")}</span>
        <span />
      </div>
      {rows.map((row, index) => (
        <div key={row.key} className="grid grid-cols-[90px_1fr_100px_auto] items-start gap-2">
          {cell(index, "id", t("grafana.panels.id"), "")}
          {cell(index, "title", t("grafana.panels.panelTitle"), "")}
          {cell(index, "height", t("grafana.panels.height"), "")}
          <div className="flex gap-1">
            <Button
              variant="ghost"
              aria-label={`${t("grafana.panels.up")} ${index + 1}`}
              disabled={index === 0}
              onClick={() => onChange(move(rows, index, index - 1))}
            >
              ↑
            </Button>
            <Button
              variant="ghost"
              aria-label={`${t("grafana.panels.down")} ${index + 1}`}
              disabled={index === rows.length - 1}
              onClick={() => onChange(move(rows, index, index + 1))}
            >
              ↓
            </Button>
            <Button
              variant="ghost"
              aria-label={`${t("grafana.panels.remove")} ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              ✕
            </Button>
          </div>
        </div>
      ))}
      {fields.panels ? (
        <p role="alert" className="text-sm text-red-600">
          {fields.panels}
        </p>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-slate-500">{t("grafana.panels.idHint")}</p>
        <Button
          variant="secondary"
          onClick={() => onChange([...rows, { key: nextKey++, id: "", title: "", height: "240" }])}
        >
          {t("grafana.panels.add")}
        </Button>
      </div>
    </div>
  );
}
