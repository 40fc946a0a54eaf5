"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { RANGE_CHOICES, REFRESH_CHOICES, type RangeChoice, type RefreshChoice } from "@/lib/grafana/time-range";

// "2026-12-01T14:30" in the browser's time zone, as a datetime-local input wants it.
function localInput(ms: string | undefined): string {
  if (!ms) return "";
  const date = new Date(Number(ms));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const subscribeNothing = () => () => undefined;

// The monitoring tab's view: a time range (relative, or a custom window in the browser's time
// zone) and Grafana's own auto-refresh, kept in the page's query so a view can be shared.
export function MonitoringToolbar({
  range,
  from,
  to,
  refresh,
}: {
  range: RangeChoice;
  from?: string;
  to?: string;
  refresh: RefreshChoice;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [choice, setChoice] = useState<RangeChoice>(range);
  const [invalid, setInvalid] = useState(false);
  // The custom window's inputs are filled in the browser only: its time zone is not the server's.
  const inBrowser = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );

  function go(changes: Record<string, string | null>) {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    router.push(`${pathname}?${next.toString()}`);
  }

  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="monitoring-toolbar">
      <Field label={t("grafana.monitoring.range")} htmlFor="grafana-range">
        <Select
          id="grafana-range"
          value={choice}
          onChange={(e) => {
            const value = e.target.value as RangeChoice;
            setChoice(value);
            if (value !== "custom") go({ range: value, from: null, to: null });
          }}
        >
          {RANGE_CHOICES.map((value) => (
            <option key={value} value={value}>
              {t(`grafana.monitoring.range.${value}`)}
            </option>
          ))}
          <option value="custom">{t("grafana.monitoring.range.custom")}</option>
        </Select>
      </Field>
      {choice === "custom" && inBrowser ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const f = new FormData(event.currentTarget);
            const start = new Date(String(f.get("from") ?? "")).getTime();
            const end = new Date(String(f.get("to") ?? "")).getTime();
            const ok = Number.isFinite(start) && Number.isFinite(end) && start < end;
            setInvalid(!ok);
            if (ok) go({ range: "custom", from: String(start), to: String(end) });
          }}
        >
          <Field label={t("grafana.monitoring.from")} htmlFor="grafana-from">
            <Input
              id="grafana-from"
              name="from"
              type="datetime-local"
              defaultValue={localInput(from)}
              invalid={invalid}
            />
          </Field>
          <Field
            label={t("grafana.monitoring.to")}
            htmlFor="grafana-to"
            error={invalid ? t("grafana.monitoring.customInvalid") : undefined}
          >
            <Input id="grafana-to" name="to" type="datetime-local" defaultValue={localInput(to)} invalid={invalid} />
          </Field>
          <Button type="submit" variant="secondary">
            {t("grafana.monitoring.apply")}
          </Button>
        </form>
      ) : null}
      <Field label={t("grafana.monitoring.refresh")} htmlFor="grafana-refresh">
        <Select id="grafana-refresh" value={refresh} onChange={(e) => go({ refresh: e.target.value })}>
          {REFRESH_CHOICES.map((value) => (
            <option key={value} value={value}>
              {t(`grafana.monitoring.refresh.${value}`)}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
