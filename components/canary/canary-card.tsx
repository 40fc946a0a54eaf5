"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Badge, Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { CanaryReleaseResult } from "@/lib/services/canary/run-canary-release";
import type { CanaryRow } from "@/lib/services/canary/list-canaries";
import type { DeployResult } from "@/lib/services/releases/deploy-release";
import type { WorkloadView } from "@/lib/services/canary/canary-view";
import { UnsyncedNotice } from "@/components/observe/unsynced-notice";
import { CopyButton } from "./copy-button";

type Ref = { appId: string; environmentId: string };
export type CanaryActions = {
  switchCanary: (input: Ref & { enabled: boolean }) => Promise<ActionResult<CanaryReleaseResult>>;
  promote: (input: Ref) => Promise<ActionResult<DeployResult>>;
  abort: (input: Ref) => Promise<ActionResult<CanaryReleaseResult>>;
};

function Workload({ title, view, testId }: { title: string; view: WorkloadView; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="space-y-1 rounded-md p-2 ring-1 ring-slate-200" data-testid={testId}>
      <p className="text-xs font-medium text-slate-500">{title}</p>
      <p className="font-mono text-xs break-all" translate="no">
        {view.image ?? "-"}
      </p>
      <p className="text-xs">
        <Badge tone={view.missing ? "red" : view.ready >= view.replicas && view.replicas > 0 ? "green" : "amber"}>
          {view.missing
            ? t("canary.view.missing")
            : t("canary.view.ready", { ready: view.ready, replicas: view.replicas })}
        </Badge>
      </p>
      <ul className="text-xs text-slate-600">
        {view.pods.map((pod) => (
          <li key={pod.name} translate="no">
            {pod.name} · {pod.phase} {pod.ready ? "✓" : "…"}
          </li>
        ))}
      </ul>
    </div>
  );
}

// One running canary for testers and the team: the header to send (copy buttons), the canary and
// the stable version side by side, the route's status, the switch, promote and abort.
export function CanaryCard({ row, actions }: { row: CanaryRow; actions: CanaryActions }) {
  const { t } = useI18n();
  const router = useRouter();
  const ref = { appId: row.appId, environmentId: row.environmentId };
  const switching = useAction(actions.switchCanary);
  const promoting = useAction(actions.promote);
  const aborting = useAction(actions.abort);
  const [confirm, setConfirm] = useState<"promote" | "abort" | null>(null);
  const header = `${row.headerName}: ${row.headerValue}`;
  const url = row.host ? `http://${row.host.host}${row.host.path}` : null;
  const curl = url ? `curl -H '${header}' ${url}` : `curl -H '${header}' <url>`;
  const refresh = () => router.refresh();
  const error = switching.error ?? promoting.error ?? aborting.error;
  return (
    <div className="space-y-3 text-sm" data-testid={`canary-${row.app.name}-${row.environment.name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium" translate="no">
          {row.app.team}/{row.app.name}
        </span>
        <Badge tone="indigo">
          <span translate="no">{row.environment.displayName || row.environment.name}</span>
        </Badge>
        <Badge tone={row.enabled ? "green" : "slate"}>{row.enabled ? t("canary.on") : t("canary.off")}</Badge>
        {row.weight ? <Badge tone="amber">{t("canary.view.weight", { weight: row.weight })}</Badge> : null}
        {row.promoting ? <Badge tone="indigo">{t("canary.view.promoting")}</Badge> : null}
      </div>
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded bg-slate-100 px-2 py-1 text-xs" data-testid="canary-header" translate="no">
            {header}
          </code>
          <CopyButton text={header} label={t("canary.copyHeader")} testId="copy-header" />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded bg-slate-100 px-2 py-1 text-xs break-all" data-testid="canary-curl" translate="no">
            {curl}
          </code>
          <CopyButton text={curl} label={t("canary.copyCurl")} testId="copy-curl" />
        </div>
        <p className="text-xs text-slate-500">{t("canary.extensionHint")}</p>
      </div>
      {row.live.unsynced ? <UnsyncedNotice error={row.live.error} testId="canary-unsynced" /> : null}
      {row.live.problem ? (
        <Notice tone="error" testId="canary-problem">
          {t(`canary.view.problem.${row.live.problem}`)}
        </Notice>
      ) : null}
      {row.live.unsynced ? null : (
        <div className="grid gap-2 sm:grid-cols-2">
          <Workload title={t("canary.view.canary")} view={row.live.canary} testId="canary-workload" />
          <Workload title={t("canary.view.stable")} view={row.live.stable} testId="stable-workload" />
        </div>
      )}
      {row.live.route ? (
        <p className="flex flex-wrap gap-1 text-xs" data-testid="route-status">
          <span className="text-slate-500">{t("canary.view.route")}</span>
          {row.live.route.length === 0 ? <Badge tone="amber">{t("canary.view.routeUnknown")}</Badge> : null}
          {row.live.route.map((c, i) => (
            <Badge key={`${c.condition}-${i}`} tone={c.status === "True" ? "green" : "red"}>
              {c.condition}: {c.status}
              {c.reason ? ` (${c.reason})` : ""}
            </Badge>
          ))}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {row.maySwitch ? (
          <Button
            role="switch"
            aria-checked={row.enabled}
            data-testid="canary-switch"
            variant="secondary"
            disabled={switching.pending}
            onClick={() => switching.run({ ...ref, enabled: !row.enabled }, refresh)}
          >
            {row.enabled ? t("canary.switchOff") : t("canary.switchOn")}
          </Button>
        ) : null}
        {row.mayManage && !row.promoting ? (
          confirm ? (
            <>
              <span className="self-center text-xs text-slate-600">
                {confirm === "promote" ? t("canary.confirmPromote") : t("canary.confirmAbort")}
              </span>
              <Button
                data-testid="canary-confirm"
                variant={confirm === "abort" ? "danger" : "primary"}
                disabled={promoting.pending || aborting.pending}
                onClick={() => (confirm === "promote" ? promoting.run(ref, refresh) : aborting.run(ref, refresh))}
              >
                {confirm === "promote" ? t("canary.promote") : t("canary.abort")}
              </Button>
              <Button variant="secondary" onClick={() => setConfirm(null)}>
                {t("canary.cancel")}
              </Button>
            </>
          ) : (
            <>
              <Button data-testid="canary-promote" onClick={() => setConfirm("promote")}>
                {t("canary.promote")}
              </Button>
              <Button data-testid="canary-abort" variant="secondary" onClick={() => setConfirm("abort")}>
                {t("canary.abort")}
              </Button>
            </>
          )
        ) : null}
      </div>
      {promoting.data?.kind === "request" ? <Notice tone="success">{t("canary.promoteRequested")}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </div>
  );
}
