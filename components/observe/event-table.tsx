"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { EventSummary } from "@/lib/kube/events";

export type EventRow = EventSummary;

export function EventTable({ events }: { events: EventRow[] }) {
  const { t } = useI18n();
  return (
    <Table
      head={[
        t("observe.event.time"),
        t("observe.event.type"),
        t("observe.event.reason"),
        t("observe.event.object"),
        t("observe.event.message"),
        t("observe.event.count"),
      ]}
    >
      {events.map((event) => (
        <tr key={event.id} data-testid="event-row">
          <Td className="whitespace-nowrap text-slate-500">
            <span title={event.time}>{t("observe.event.ago", { age: event.age })}</span>
          </Td>
          <Td>
            <Badge tone={event.type === "Warning" ? "amber" : "slate"}>{event.type}</Badge>
          </Td>
          <Td className="whitespace-nowrap">{event.reason}</Td>
          <Td className="font-mono text-xs">{event.object}</Td>
          <Td className="text-xs">{event.message}</Td>
          <Td className="tabular-nums">{event.count}</Td>
        </tr>
      ))}
    </Table>
  );
}
