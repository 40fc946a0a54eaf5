"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Msg } from "@/components/i18n/message-text";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { CodeTextarea, Field, Input, SecretField } from "@/components/ui/field";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { GrafanaCheck } from "@/lib/grafana/problems";
import type { GrafanaPanel } from "@/lib/grafana/types";
import { PanelListEditor, fromPanelRows, toPanelRows, type PanelInput } from "./panel-list-editor";

export type GrafanaSettingsFormValues = {
  baseUrl: string;
  orgId: number;
  builtin: boolean;
  dashboardUid: string;
  panels: GrafanaPanel[];
  variables: string;
  hasToken: boolean;
};

type SaveGrafanaSettings = (input: {
  environmentId: string;
  baseUrl: string;
  orgId: string;
  dashboard: "builtin" | "custom";
  dashboardUid: string;
  panels: PanelInput[];
  variables: string;
  token: string;
  removeToken: boolean;
}) => Promise<ActionResult<{ check: GrafanaCheck | null }>>;

// An environment's Grafana: where it is, the dashboard and panels apps get, the variables the
// panel URLs carry, and the token for release markers (write-only).
export function GrafanaSettingsForm({
  environmentId,
  initial,
  action,
  downloadHref,
}: {
  environmentId: string;
  initial: GrafanaSettingsFormValues;
  action: SaveGrafanaSettings;
  downloadHref: string;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [dashboard, setDashboard] = useState<"builtin" | "custom">(initial.builtin ? "builtin" : "custom");
  const [rows, setRows] = useState(() => toPanelRows(initial.panels));
  const [token, setToken] = useState("");
  const { run, pending, fields, error, data } = useAction(action, { fields: INLINE });
  const p = "grafana";

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run(
          {
            environmentId,
            baseUrl: String(f.get("baseUrl") ?? ""),
            orgId: String(f.get("orgId") ?? ""),
            dashboard,
            dashboardUid: String(f.get("dashboardUid") ?? ""),
            panels: dashboard === "custom" ? fromPanelRows(rows) : [],
            variables: String(f.get("variables") ?? ""),
            token,
            removeToken: f.get("removeToken") === "on",
          },
          () => {
            setToken("");
            router.refresh();
          },
        );
      }}
    >
      {data ? <Notice tone="success">{t("grafana.settings.saved")}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-[1fr_120px]">
        <Field
          label={t("grafana.settings.baseUrl")}
          htmlFor={`${p}-url`}
          error={fields.baseUrl}
          hint={t("grafana.settings.baseUrlHint")}
        >
          <Input
            id={`${p}-url`}
            name="baseUrl"
            defaultValue={initial.baseUrl}
            placeholder="https://grafana.example.com"
            invalid={Boolean(fields.baseUrl)}
          />
        </Field>
        <Field label={t("grafana.settings.orgId")} htmlFor={`${p}-org`} error={fields.orgId}>
          <Input id={`${p}-org`} name="orgId" defaultValue={initial.orgId} invalid={Boolean(fields.orgId)} />
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("grafana.settings.dashboard")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="dashboard"
            checked={dashboard === "builtin"}
            onChange={() => setDashboard("builtin")}
          />
          <Msg k="grafana.settings.dashboard.builtin" values={{ uid: "slipway-app" }} />
        </label>
        <a href={downloadHref} className="ml-6 inline-block text-xs text-indigo-700 hover:underline" download>
          {t("grafana.settings.download")}
        </a>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="dashboard"
            checked={dashboard === "custom"}
            onChange={() => setDashboard("custom")}
          />
          {t("grafana.settings.dashboard.custom")}
        </label>
      </fieldset>
      {dashboard === "custom" ? (
        <>
          <Field label={t("grafana.settings.dashboardUid")} htmlFor={`${p}-uid`} error={fields.dashboardUid}>
            <Input
              id={`${p}-uid`}
              name="dashboardUid"
              defaultValue={initial.builtin ? "" : initial.dashboardUid}
              invalid={Boolean(fields.dashboardUid)}
            />
          </Field>
          <PanelListEditor prefix={p} rows={rows} onChange={setRows} fields={fields} />
        </>
      ) : null}
      <Field
        label={t("grafana.settings.variables")}
        htmlFor={`${p}-variables`}
        error={fields.variables}
        hint={t("grafana.settings.variablesHint")}
      >
        <CodeTextarea
          id={`${p}-variables`}
          name="variables"
          defaultValue={initial.variables}
          rows={4}
          invalid={Boolean(fields.variables)}
        />
      </Field>
      <SecretField
        idPrefix={p}
        name="token"
        label={t("grafana.settings.token")}
        error={fields.token}
        stored={initial.hasToken}
        storedHint={t("grafana.settings.tokenStored")}
        hint={t("grafana.settings.tokenHint")}
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      {initial.hasToken ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="removeToken" />
          {t("grafana.settings.removeToken")}
        </label>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}
