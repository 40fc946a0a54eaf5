"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Ago } from "@/components/i18n/time";
import { Badge } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { EventSummary } from "@/lib/kube/events";

export type EventRow = EventSummary;

// Kubernetes' own words (reason, message, object) are shown as it wrote them.
export function EventTable({ events, now }: { events: EventRow[]; now: string }) {
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
            {event.time ? <Ago value={event.time} now={now} /> : null}
          </Td>
          <Td>
            <Badge tone={event.type === "Warning" ? "amber" : "slate"}>
              <span translate="no">{event.type}</span>
            </Badge>
          </Td>
          <Td className="whitespace-nowrap">
            <span translate="no">{event.reason}</span>
          </Td>
          <Td className="font-mono text-xs">
            <span translate="no">{event.object}</span>
          </Td>
          <Td className="text-xs">
            <span translate="no" lang="en">
              {event.message}
            </span>
          </Td>
          <Td className="tabular-nums">{event.count}</Td>
        </tr>
      ))}
    </Table>
  );
}
