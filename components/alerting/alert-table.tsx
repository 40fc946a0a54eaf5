import Link from "next/link";
import { MessageText } from "@/components/i18n/message-text";
import { Time } from "@/components/i18n/time";
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
            <Link href={`/alerts/${row.id}`} className="font-medium text-indigo-700 hover:underline" translate="no">
              {row.alertname}
            </Link>
            {row.summary ? (
              <p className="text-xs text-slate-500" translate="no">
                {row.summary}
              </p>
            ) : null}
            {row.firedAfter ? (
              <p className="text-xs text-amber-700">
                <MessageText message={row.firedAfter} />
              </p>
            ) : null}
          </Td>
          <Td>
            <span translate="no">
              <Badge tone={severityTone(row.severity)}>{row.severity || "-"}</Badge>
            </span>
          </Td>
          <Td>
            {row.app ? (
              <Link href={`/apps/${row.app.id}`} className="hover:underline" translate="no">
                {row.app.team}/{row.app.name}
              </Link>
            ) : (
              <span className="text-slate-400">{t("alerts.unmatched")}</span>
            )}
          </Td>
          <Td data>{row.environment ?? "-"}</Td>
          <Td className="whitespace-nowrap">
            <Time value={row.started} />
          </Td>
          <Td>
            <Badge tone={row.status === "firing" ? "red" : "green"}>{t(`alerts.status.${row.status}`)}</Badge>
            {row.muted ? (
              <p className="mt-1 text-xs text-slate-500">
                <MessageText message={row.muted} />
              </p>
            ) : null}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
