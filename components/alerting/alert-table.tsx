import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { AlertTableRow } from "@/lib/alerts/alert-row";
import type { Translate } from "@/lib/i18n/locales";

export function severityTone(severity: string): "red" | "amber" | "indigo" | "slate" {
  return severity === "critical" || severity === "high" ? "red" : severity === "warning" ? "amber" : "slate";
}

export function AlertTable({ rows, t }: { rows: AlertTableRow[]; t: Translate }) {
  return (
    <Table
      head={[
        t("alerts.col.alert"),
        t("alerts.col.severity"),
        t("alerts.col.app"),
        t("alerts.col.env"),
        t("alerts.col.started"),
        t("alerts.col.status"),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.id} data-testid="alert-row">
          <Td>
            <Link href={`/alerts/${row.id}`} className="font-medium text-indigo-700 hover:underline">
              {row.alertname}
            </Link>
            {row.summary ? <p className="text-xs text-slate-500">{row.summary}</p> : null}
            {row.firedAfter ? <p className="text-xs text-amber-700">{row.firedAfter}</p> : null}
          </Td>
          <Td>
            <Badge tone={severityTone(row.severity)}>{row.severity || "-"}</Badge>
          </Td>
          <Td>
            {row.app ? (
              <Link href={`/apps/${row.app.id}`} className="hover:underline">
                {row.app.team}/{row.app.name}
              </Link>
            ) : (
              <span className="text-slate-400">{t("alerts.unmatched")}</span>
            )}
          </Td>
          <Td>{row.environment ?? "-"}</Td>
          <Td className="whitespace-nowrap">{row.started}</Td>
          <Td>
            <Badge tone={row.status === "firing" ? "red" : "green"}>{t(`alerts.status.${row.status}`)}</Badge>
            {row.muted ? <p className="mt-1 text-xs text-slate-500">{row.muted}</p> : null}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
