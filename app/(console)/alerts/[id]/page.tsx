import Link from "next/link";
import { notFound } from "next/navigation";
import { MuteButtons, RollbackButton } from "@/components/alerting/alert-actions";
import { DeliveryList } from "@/components/alerting/delivery-list";
import { severityTone } from "@/components/alerting/alert-table";
import { Msg } from "@/components/i18n/message-text";
import { Time } from "@/components/i18n/time";
import { Badge, Card, Notice, PageHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/link-button";
import { requirePageUser } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/i18n/clock";
import { getI18n } from "@/lib/i18n/server";
import { alertView } from "@/lib/services/alerts/alert-view";
import { ZIdSchema } from "@/lib/validations/common";
import { muteAlertAction, rollbackFromAlertAction } from "../actions";

function Pairs({ values, testId }: { values: Record<string, string>; testId: string }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {Object.entries(values).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-xs text-slate-500">{key}</dt>
          <dd className="break-all font-mono text-xs">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const view = await alertView(user, id);
  if (!view) notFound();
  const { t, clock } = await getI18n();
  const { alert, link } = view;
  return (
    <>
      <PageHeader
        title={alert.alertname}
        subtitle={[alert.app ? `${alert.app.team}/${alert.app.name}` : t("alerts.unmatched"), alert.environment?.name]
          .filter(Boolean)
          .join(" · ")}
        actions={<BackLink href="/alerts" label={t("common.back")} />}
      />
      <div className="grid items-start gap-6 xl:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <Card>
            <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="alert-status">
              <Badge tone={alert.status === "firing" ? "red" : "green"}>{t(`alerts.status.${alert.status}`)}</Badge>
              <Badge tone={severityTone(alert.severity)}>{alert.severity || "-"}</Badge>
              <Time value={alert.startsAt} />
              {alert.endsAt ? (
                <span>
                  · <Msg k="alerts.ended" values={{ time: { at: alert.endsAt.toISOString() } }} />
                </span>
              ) : null}
              {alert.generatorUrl ? (
                <a
                  href={alert.generatorUrl}
                  className="text-indigo-700 hover:underline"
                  rel="noreferrer"
                  target="_blank"
                >
                  {t("alerts.source")} ↗
                </a>
              ) : null}
            </div>
            {alert.annotations.summary ? <p className="mt-3 text-sm">{alert.annotations.summary}</p> : null}
          </Card>
          {link ? (
            <Card title={t("alerts.releaseTitle")}>
              <div className="space-y-3 text-sm">
                <p data-testid="fired-after">
                  <Msg
                    k="alerts.firedAfter"
                    values={{
                      minutes: link.minutesAfter,
                      number: link.release.number,
                      version: link.release.version,
                      actor: link.release.actor,
                    }}
                  />{" "}
                  <Link href={`/releases/${link.release.id}`} className="text-indigo-700 hover:underline">
                    #{link.release.number} →
                  </Link>
                </p>
                {link.rollbackTo && view.rollbackMode ? (
                  <RollbackButton
                    alertId={alert.id}
                    number={link.rollbackTo.number}
                    mode={view.rollbackMode}
                    rollback={rollbackFromAlertAction}
                  />
                ) : null}
              </div>
            </Card>
          ) : null}
          <Card title={t("alerts.labels")}>
            <Pairs values={alert.labels} testId="alert-labels" />
          </Card>
          {Object.keys(alert.annotations).length > 0 ? (
            <Card title={t("alerts.annotations")}>
              <Pairs values={alert.annotations} testId="alert-annotations" />
            </Card>
          ) : null}
        </div>
        <div className="space-y-6">
          <Card title={t("alerts.mute")}>
            {alert.mutedUntil && alert.mutedByLabel ? (
              <Notice tone="info" testId="alert-muted">
                <Msg
                  k="alerts.mutedBy"
                  values={{ who: alert.mutedByLabel, until: { at: alert.mutedUntil.toISOString() } }}
                />
              </Notice>
            ) : view.mayMute && alert.status === "firing" ? (
              <MuteButtons alertId={alert.id} mute={muteAlertAction} />
            ) : (
              <p className="text-sm text-slate-500">{t("alerts.muteForbidden")}</p>
            )}
          </Card>
          <Card title={t("alerts.deliveries")}>
            <DeliveryList
              deliveries={view.deliveries.map((d) => ({
                ...d,
                attempts: d.attempts.map((a) => ({
                  at: formatDateTime(a.at, clock),
                  outcome: a.outcome,
                  answer: a.answer ? t(a.answer.key as "alerts.answer.http", a.answer.values) : "",
                })),
              }))}
              t={t}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
