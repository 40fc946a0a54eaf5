"use client";
import { useRouter } from "next/navigation";
import { useSyncExternalStore } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Notice } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type SetTimeZone = (input: { timeZone: string }) => Promise<ActionResult<void>>;

// The zone every time is shown in: a saved zone, or "" for whatever zone the browser is in.
export function TimeZoneForm({
  saved,
  choices,
  action,
}: {
  saved: string | null;
  choices: string[];
  action: SetTimeZone;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending, error, data } = useAction(action);
  // Known in the browser only: empty in the server's render (and at hydration, so they match).
  const browser = useSyncExternalStore(
    () => () => {},
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
  return (
    <div className="space-y-2">
      <Select
        id="time-zone"
        aria-label={t("time.zone")}
        defaultValue={saved ?? ""}
        disabled={pending}
        onChange={(event) => run({ timeZone: event.target.value }, () => router.refresh())}
        className="w-64"
      >
        <option value="">{t("time.zoneBrowser")}</option>
        {choices.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </Select>
      <p className="text-xs text-slate-500" data-testid="time-zone-hint">
        {t("time.zoneHint", { browser: browser ?? "…" })}
      </p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {data !== null && !error ? <Notice tone="success">{t("time.zoneSaved")}</Notice> : null}
    </div>
  );
}
