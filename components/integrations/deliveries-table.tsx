"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td } from "@/components/ui/table";
import type { RegistryView } from "@/lib/services/integrations/list-integrations";
import { useStoredMessage } from "./check-status";

// A delivery as the page passes it: its time as an ISO string.
export type DeliveryRow = Omit<RegistryView["deliveries"][number], "receivedAt"> & { receivedAt: string };

const TONES: Record<string, "green" | "amber" | "red" | "slate"> = {
  processed: "green",
  ignored: "slate",
  failed: "red",
  received: "amber",
  processing: "amber",
};

// A registry's latest webhook deliveries and what became of each.
export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  const { t } = useI18n();
  const say = useStoredMessage();
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("integrations.noDeliveries")}</p>;
  return (
    <Table
      head={[
        t("releases.when"),
        t("integrations.event"),
        t("integrations.image"),
        t("integrations.pushedBy"),
        t("releases.statusTitle"),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.id} data-testid="delivery-row">
          <Td className="whitespace-nowrap text-xs">
            <LocalTime iso={row.receivedAt} />
          </Td>
          <Td className="text-xs" data>
            {row.type} <span className="text-slate-400">({row.format})</span>
          </Td>
          <Td className="font-mono text-xs" data>
            {row.repository}:{row.tag ?? "—"} <span className="text-slate-400">{row.digest.slice(7, 19)}</span>
          </Td>
          <Td className="text-xs" data>
            {row.operator ?? ""}
          </Td>
          <Td className="text-xs">
            <Badge tone={TONES[row.status] ?? "slate"}>
              {t(`integrations.status.${row.status}` as "integrations.status.processed")}
            </Badge>{" "}
            {row.reason ? say(row.reason) : null}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
