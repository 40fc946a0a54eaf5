import "server-only";
import { afterResponse } from "@/lib/after-response";
import { alertMessageJob } from "@/lib/alerts/jobs";
import { ensureQueue } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { db } from "@/lib/db";
import { timed } from "@/lib/server-timing";
import type { AlertingSettings } from "@/lib/generated/prisma/client";
import { deliverMessage } from "@/lib/services/notifications/deliver-message";
import { openMessages, type AlertEvent } from "@/lib/services/notifications/open-messages";
import { scheduleDeliveries } from "@/lib/services/notifications/schedule-deliveries";
import type { AlertmanagerAlert, AlertmanagerPayload } from "@/lib/validations/alertmanager";
import { resolveAlertTargets } from "./resolve-alert-targets";
import { storeAlerts, type AlertRow } from "./store-alerts";

export type IngestResult = { received: number; changed: number; urgentMessages: number; windowsOpened: number };

// One flush can repeat an alert (a group's alerts and a re-sent flush): the last copy wins.
function distinct(alerts: AlertmanagerAlert[]): AlertmanagerAlert[] {
  const byKey = new Map<string, AlertmanagerAlert>();
  for (const alert of alerts) byKey.set(`${alert.fingerprint}|${alert.startsAt.getTime()}`, alert);
  return [...byKey.values()];
}

// Stores an Alertmanager notification and everything it sets off, in one transaction: the alerts
// (matched to app, environment and the release before them), the messages for the subscriptions
// that want them, and the delivery jobs. If any of it fails nothing is stored and the webhook
// answers 5xx, so Alertmanager sends it again. Urgent messages then go out from this process
// right away; their jobs are the safety net (a message is sent once, whoever gets to it first).
export async function ingestAlerts(payload: AlertmanagerPayload, settings: AlertingSettings): Promise<IngestResult> {
  const alerts = distinct(payload.alerts);
  const targets = await timed("match", () =>
    resolveAlertTargets(
      alerts.map((a) => ({ labels: a.labels, startsAt: a.startsAt, firing: a.status === "firing" })),
      settings.appLabels,
      settings.releaseLinkMinutes,
    ),
  );
  const rows: AlertRow[] = alerts.map((alert, index) => ({
    fingerprint: alert.fingerprint,
    startsAt: alert.startsAt,
    status: alert.status,
    alertname: alert.labels.alertname ?? "",
    severity: (alert.labels.severity ?? "").toLowerCase(),
    labels: alert.labels,
    annotations: alert.annotations,
    endsAt: alert.endsAt,
    generatorUrl: alert.generatorURL,
    appId: targets[index]!.appId,
    environmentId: targets[index]!.environmentId,
    releaseId: targets[index]!.releaseId,
  }));
  // The queue exists before the transaction that sends to it (ensureQueue uses its own connection).
  await ensureQueue(alertMessageJob as JobDefinition<object>);
  const { changed, opened } = await timed("store", () =>
    db.$transaction(async (tx) => {
      const stored = await timed("upsert", () => storeAlerts(tx, rows));
      const events: AlertEvent[] = stored.flatMap(({ id, index, event }) => {
        const row = rows[index]!;
        return event ? [{ ...row, alertId: id, event, appTeamId: targets[index]!.appTeamId }] : [];
      });
      const opened = await timed("messages", () => openMessages(tx, events));
      await timed("jobs", () => scheduleDeliveries(tx, opened));
      return { changed: stored.length, opened };
    }),
  );
  if (opened.urgent.length > 0)
    afterResponse(async () => {
      for (const id of opened.urgent)
        await deliverMessage(id).catch((error: unknown) => console.error(`alert message ${id}: sending failed`, error));
    });
  return {
    received: alerts.length,
    changed,
    urgentMessages: opened.urgent.length,
    windowsOpened: opened.windows.length,
  };
}
