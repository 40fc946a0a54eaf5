import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertTable } from "@/components/alerting/alert-table";
import { ReleaseLive } from "@/components/releases/release-live";
import { ReleaseHistory } from "@/components/releases/release-history";
import { EngineText, Msg } from "@/components/i18n/message-text";
import { Time } from "@/components/i18n/time";
import { Card, PageHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/link-button";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { alertRows } from "@/lib/services/alerts/alert-rows";
import { getRelease, releaseLiveState } from "@/lib/services/releases/release-view";
import { releaseMode } from "@/lib/services/releases/release-access";
import { releaseOrigin } from "@/lib/services/builds/release-origin";
import { ZIdSchema } from "@/lib/validations/common";
import { rollbackAction } from "../actions";
import { ReleaseMetrics } from "./release-metrics";

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const found = await getRelease(id);
  const live = await releaseLiveState(id);
  const origin = await releaseOrigin(id);
  if (!found || !live) notFound();
  const { t } = await getI18n();
  const { release, yaml, current } = found;
  const alerts = await alertRows({ releaseId: release.id, limit: 20 });
  const mayRollback = releaseMode(user, release.app.teamId, release.environment, "deploy") === "direct";
  return (
    <>
      <PageHeader
        title={
          <Msg
            k="releases.releaseTitle"
            values={{
              app: `${release.app.team.name}/${release.app.name}`,
              env: release.environment.name,
              number: release.number,
            }}
          />
        }
        subtitle={
          <>
            {t(`releases.kind.${release.kind}`)} · <span translate="no">{release.image ?? ""}</span>
          </>
        }
        actions={
          <BackLink href={`/apps/${release.appId}?env=${release.environment.name}`} label={t("releases.backToApp")} />
        }
      />
      <div className="grid items-start gap-6 xl:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <ReleaseLive initial={live} />
          {alerts.rows.length > 0 ? (
            <Card title={t("alerts.releaseAlerts")}>
              <AlertTable rows={alerts.rows} t={t} />
            </Card>
          ) : null}
        </div>
        <div className="space-y-6">
          <Card title={t("releases.details")}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("releases.by")}</dt>
              <dd>
                <span translate="no">{release.actorLabel}</span>
                {release.approvedByLabel ? (
                  <>
                    {" · "}
                    <Msg k="releases.approvedBy" values={{ who: release.approvedByLabel }} />
                  </>
                ) : null}
              </dd>
              {origin ? (
                <>
                  <dt className="text-slate-500">{t("builds.pushedBy")}</dt>
                  <dd data-testid="pushed-by">
                    {t("builds.pushOrigin", { who: origin.pushedBy ?? "?", registry: origin.registry })}
                  </dd>
                </>
              ) : null}
              {release.imageDigest ? (
                <>
                  <dt className="text-slate-500">{t("releases.digest")}</dt>
                  <dd className="break-all font-mono text-xs">{release.imageDigest}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">{t("releases.trigger")}</dt>
              <dd>{t(`releases.trigger.${release.trigger}` as "releases.trigger.user")}</dd>
              <dt className="text-slate-500">{t("releases.when")}</dt>
              <dd>
                <Time value={release.createdAt} />
              </dd>
              {release.description || release.descriptionMessage ? (
                <>
                  <dt className="text-slate-500">{t("releases.description")}</dt>
                  <dd>
                    <EngineText message={release.descriptionMessage} text={release.description} description />
                  </dd>
                </>
              ) : null}
              {release.rollbackOf ? (
                <>
                  <dt className="text-slate-500">{t("releases.rollbackOf")}</dt>
                  <dd>
                    <Link href={`/releases/${release.rollbackOf.id}`} className="text-indigo-700 hover:underline">
                      #{release.rollbackOf.number}
                    </Link>
                  </dd>
                </>
              ) : null}
              {release.request?.comment ? (
                <>
                  <dt className="text-slate-500">{t("releases.comment")}</dt>
                  <dd translate="no">{release.request.comment}</dd>
                </>
              ) : null}
              {release.takeOver ? (
                <>
                  <dt className="text-slate-500">{t("releases.takeOverShort")}</dt>
                  <dd>✓</dd>
                </>
              ) : null}
            </dl>
          </Card>
          {release.status === "succeeded" &&
          (release.kind === "deploy" || release.kind === "rollback") &&
          current &&
          current.manifestHash !== release.manifestHash &&
          mayRollback ? (
            <Card title={t("releases.rollback")}>
              <ReleaseHistory
                rows={[
                  {
                    id: release.id,
                    number: release.number,
                    kind: release.kind,
                    status: release.status,
                    image: release.image,
                    actorLabel: release.actorLabel,
                    approvedByLabel: release.approvedByLabel,
                    description: release.description,
                    descriptionMessage: release.descriptionMessage,
                    manifestHash: release.manifestHash,
                    createdAt: release.createdAt.toISOString(),
                    startedAt: release.startedAt?.toISOString() ?? null,
                    finishedAt: release.finishedAt?.toISOString() ?? null,
                    app: { id: release.appId, name: release.app.name, team: release.app.team.name },
                  },
                ]}
                current={current}
                environmentId={release.environmentId}
                rollback={rollbackAction}
              />
            </Card>
          ) : null}
          <Card title={t("releases.parameters")}>
            <pre className="max-h-64 overflow-auto font-mono text-xs" translate="no">
              {JSON.stringify(release.parameters, null, 2)}
            </pre>
          </Card>
          <Card title={t("releases.manifest")}>
            <pre
              data-testid="release-manifest"
              translate="no"
              className="max-h-[50vh] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100"
            >
              {yaml}
            </pre>
          </Card>
        </div>
      </div>
      <ReleaseMetrics release={{ ...release, environment: release.environment.displayName }} />
    </>
  );
}
