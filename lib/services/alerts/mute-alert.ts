import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createSilence } from "@/lib/integrations/alertmanager-api";
import { transportError } from "@/lib/integrations/outbound-http";
import type { RequestContext } from "@/lib/request-context";
import { loadAlertingSettings } from "@/lib/services/alerting/load-alerting-settings";
import type { MuteAlertInput } from "@/lib/validations/subscription";
import { mayMute } from "./may-mute";

// Mutes an alert for some hours by creating a silence in Alertmanager for exactly its labels
// (Alertmanager then stops notifying it), and records who muted it until when, with the audit
// row. Slipway also keeps its own messages quiet for it until then.
export async function muteAlert(
  actor: CurrentUser,
  input: MuteAlertInput,
  context: RequestContext,
): Promise<{ silenceId: string; until: Date }> {
  const alert = await db.alert.findUnique({ where: { id: input.alertId }, include: { app: true } });
  if (!alert) throw new AppError("not_found", "Unknown alert.", { field: "alertId", messageKey: "alerts.notFound" });
  if (!mayMute(actor, alert.app?.teamId ?? null))
    throw new AppError("forbidden", "You may not mute this alert.", { messageKey: "alerts.muteForbidden" });
  const { alertmanagerUrl } = await loadAlertingSettings();
  if (!alertmanagerUrl)
    throw new AppError("conflict", "Alertmanager's address is not configured.", {
      messageKey: "alerts.noAlertmanager",
    });
  const until = new Date(Date.now() + input.hours * 3_600_000);
  let silence;
  try {
    silence = await createSilence(alertmanagerUrl, {
      labels: alert.labels as Record<string, string>,
      endsAt: until,
      createdBy: actor.email,
      comment: `Muted from Slipway for ${input.hours} h`,
    });
  } catch (error) {
    throw new AppError("conflict", "Alertmanager cannot be reached.", {
      messageKey: "alerts.silenceUnreachable",
      values: { error: transportError(error) },
    });
  }
  if (!silence.ok)
    throw new AppError("conflict", `Alertmanager answered ${silence.status}.`, {
      messageKey: "alerts.silenceFailed",
      values: { status: silence.status },
    });
  await db.$transaction(async (tx) => {
    await tx.alert.update({
      where: { id: alert.id },
      data: { silenceId: silence.silenceId, mutedUntil: until, mutedByLabel: actor.email },
    });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "alert.mute",
      target: { type: "alert", id: alert.id, label: alert.alertname },
      after: { hours: input.hours, until: until.toISOString(), silenceId: silence.silenceId },
      context,
    });
  });
  return { silenceId: silence.silenceId, until };
}
