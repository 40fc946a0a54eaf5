"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { GrafanaPanel } from "@/lib/grafana/types";
import type { AppPanelChoice } from "@/lib/services/grafana/app-monitoring";
import { PanelListEditor, fromPanelRows, toPanelRows, type PanelInput } from "./panel-list-editor";

type SaveAppPanels = (input: {
  appId: string;
  dashboard: "environment" | "custom";
  dashboardUid: string;
  panels: PanelInput[];
}) => Promise<ActionResult<void>>;
type ResetAppPanels = (input: { appId: string }) => Promise<ActionResult<void>>;

// An app's own panels, for every environment: another dashboard or the environment's, and
// which panels in which order. "Back to the environment's panels" forgets them.
export function AppPanelsForm({
  appId,
  initial,
  defaults,
  own,
  save,
  reset,
}: {
  appId: string;
  initial: AppPanelChoice;
  defaults: GrafanaPanel[];
  own: boolean;
  save: SaveAppPanels;
  reset: ResetAppPanels;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [dashboard, setDashboard] = useState(initial.dashboard);
  const [uid, setUid] = useState(initial.dashboardUid);
  const [rows, setRows] = useState(() => toPanelRows(initial.panels));
  const saving = useAction(save, { fields: INLINE });
  const resetting = useAction(reset);
  const pending = saving.pending || resetting.pending;
  const p = "app-grafana";

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        saving.run({ appId, dashboard, dashboardUid: uid, panels: fromPanelRows(rows) }, () => router.refresh());
      }}
    >
      {!own ? <p className="text-sm text-slate-500">{t("grafana.appPanels.usingDefaults")}</p> : null}
      {saving.data !== null && own ? <Notice tone="success">{t("grafana.appPanels.saved")}</Notice> : null}
      {(saving.error ?? resetting.error) ? <Notice tone="error">{saving.error ?? resetting.error}</Notice> : null}
      <fieldset className="flex flex-wrap gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" checked={dashboard === "environment"} onChange={() => setDashboard("environment")} />
          {t("grafana.appPanels.dashboard.environment")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" checked={dashboard === "custom"} onChange={() => setDashboard("custom")} />
          {t("grafana.appPanels.dashboard.custom")}
        </label>
      </fieldset>
      {dashboard === "custom" ? (
        <Field label={t("grafana.settings.dashboardUid")} htmlFor={`${p}-uid`} error={saving.fields.dashboardUid}>
          <Input
            id={`${p}-uid`}
            value={uid}
            onChange={(e) => setUid(e.target.value)}
            invalid={Boolean(saving.fields.dashboardUid)}
          />
        </Field>
      ) : null}
      <PanelListEditor prefix={p} rows={rows} onChange={setRows} fields={saving.fields} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {saving.pending ? t("common.saving") : t("grafana.appPanels.save")}
        </Button>
        {own ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              resetting.run({ appId }, () => {
                setDashboard("environment");
                setUid("");
                setRows(toPanelRows(defaults));
                router.refresh();
              })
            }
          >
            {t("grafana.appPanels.reset")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
