"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { AppStatusCell } from "@/lib/services/apps/app-status-sql";
import type { AppListRow } from "@/lib/services/apps/list-app-page";
import type { AppStatus } from "@/lib/validations/app-list";

const TONES = { healthy: "green", progressing: "indigo", degraded: "red", not_deployed: "slate" } as const;

function StatusCell({ app, environment, cell }: { app: string; environment: string; cell: AppStatusCell | undefined }) {
  const { t } = useI18n();
  const status: AppStatus = cell?.status ?? "not_deployed";
  // The tag (or digest) is what tells versions apart; the repository is the app's own.
  const image = cell?.image?.split("/").at(-1);
  return (
    <div className="space-y-0.5">
      <span data-testid={`app-status-${app}-${environment}`} data-status={status}>
        <Badge tone={TONES[status]}>{t(`appList.status.${status}`)}</Badge>
      </span>
      {status === "not_deployed" ? null : (
        <div className="text-xs text-slate-500">
          <span className="font-mono" translate="no" title={cell?.image ?? undefined}>
            {image ?? t("appList.noImage")}
          </span>
          {cell?.desired != null ? (
            <span> · {t("appList.pods", { ready: cell.ready ?? 0, desired: cell.desired })}</span>
          ) : null}
        </div>
      )}
    </div>
  );
}

// One page of apps with their status per environment; the statuses follow release changes
// through one Server-Sent Events stream for the page's apps.
export function AppListTable({ rows, environments }: { rows: AppListRow[]; environments: string[] }) {
  const { t } = useI18n();
  // Cells the stream sent since the page rendered; the page mounts a fresh table per set of rows.
  const [live, setLive] = useState(() => new Map<string, AppStatusCell[]>());
  const [offline, setOffline] = useState(false);
  const ids = rows.map((row) => row.id).join(",");

  useEffect(() => {
    if (!ids) return;
    const source = new EventSource(`/api/apps/status?ids=${ids}`);
    source.addEventListener("cells", (event) => {
      const changed = JSON.parse((event as MessageEvent<string>).data) as Record<string, AppStatusCell[]>;
      setOffline(false);
      setLive((current) => {
        const next = new Map(current);
        for (const [id, appCells] of Object.entries(changed)) next.set(id, appCells);
        return next;
      });
    });
    source.onopen = () => setOffline(false);
    source.onerror = () => setOffline(true);
    return () => source.close();
  }, [ids]);

  return (
    <>
      <p className="mb-2 text-xs text-slate-500" data-testid="app-list-live" data-live={offline ? "offline" : "live"}>
        {offline ? t("appList.offline") : t("appList.live")}
      </p>
      <Table
        head={[
          t("apps.name"),
          t("apps.team"),
          ...environments.map((environment) => (
            <span key={environment} translate="no">
              {environment}
            </span>
          )),
        ]}
      >
        {rows.map((row) => (
          <tr key={row.id} data-testid={`app-row-${row.name}`}>
            <Td>
              <Link href={`/apps/${row.id}`} className="font-medium text-indigo-700 hover:underline" translate="no">
                {row.name}
              </Link>
            </Td>
            <Td>
              <span translate="no">{row.team}</span>
            </Td>
            {environments.map((environment) => (
              <Td key={environment}>
                <StatusCell
                  app={row.name}
                  environment={environment}
                  cell={(live.get(row.id) ?? row.cells).find((cell) => cell.environment === environment)}
                />
              </Td>
            ))}
          </tr>
        ))}
      </Table>
    </>
  );
}
