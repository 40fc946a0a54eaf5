import "server-only";
import type { AlertTableRow } from "@/lib/alerts/alert-row";
import { message } from "@/lib/i18n/stored-message";
import { listAlerts } from "./list-alerts";

// A page of alerts as the alert table shows them: times as instants for the reader's clock,
// sentences as stored messages for the reader's language.
export async function alertRows(
  query: Parameters<typeof listAlerts>[0],
): Promise<{ rows: AlertTableRow[]; nextCursor: string | null }> {
  const page = await listAlerts(query);
  return {
    nextCursor: page.nextCursor,
    rows: page.rows.map((row) => ({
      id: row.id,
      alertname: row.alertname,
      severity: row.severity,
      status: row.status,
      summary: row.summary,
      started: row.startsAt.toISOString(),
      app: row.app,
      environment: row.environment,
      muted:
        row.mutedUntil && row.mutedByLabel
          ? message("alerts.mutedBy", { who: row.mutedByLabel, until: { at: row.mutedUntil.toISOString() } })
          : null,
      firedAfter: row.link
        ? message("alerts.firedAfter", {
            minutes: row.link.minutesAfter,
            number: row.link.release.number,
            version: row.link.release.version,
            actor: row.link.release.actor,
          })
        : null,
    })),
  };
}
