import "server-only";
import type { AlertTableRow } from "@/lib/alerts/alert-row";
import type { Locale, Translate } from "@/lib/i18n/locales";
import { listAlerts } from "./list-alerts";

// A page of alerts as the alert table shows them, in the reader's language.
export async function alertRows(
  query: Parameters<typeof listAlerts>[0],
  { t, locale }: { t: Translate; locale: Locale },
): Promise<{ rows: AlertTableRow[]; nextCursor: string | null }> {
  const page = await listAlerts(query);
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
  return {
    nextCursor: page.nextCursor,
    rows: page.rows.map((row) => ({
      id: row.id,
      alertname: row.alertname,
      severity: row.severity,
      status: row.status,
      summary: row.summary,
      started: time.format(row.startsAt),
      app: row.app,
      environment: row.environment,
      muted:
        row.mutedUntil && row.mutedByLabel
          ? t("alerts.mutedBy", { who: row.mutedByLabel, until: time.format(row.mutedUntil) })
          : null,
      firedAfter: row.link
        ? t("alerts.firedAfter", {
            minutes: row.link.minutesAfter,
            number: row.link.release.number,
            version: row.link.release.version,
            actor: row.link.release.actor,
          })
        : null,
    })),
  };
}
