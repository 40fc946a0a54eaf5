import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertTable } from "@/components/alerting/alert-table";
import { ReleaseLive } from "@/components/releases/release-live";
import { ReleaseHistory } from "@/components/releases/release-history";
import { Card, PageHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/link-button";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { alertRows } from "@/lib/services/alerts/alert-rows";
import { getRelease, releaseLiveState } from "@/lib/services/releases/release-view";
import { releaseMode } from "@/lib/services/releases/release-access";
import { ZIdSchema } from "@/lib/validations/common";
import { rollbackAction } from "../actions";
import { ReleaseMetrics } from "./release-metrics";

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const found = await getRelease(id);
  const live = await releaseLiveState(id);
  if (!found || !live) notFound();
  const i18n = await getI18n();
  const { t } = i18n;
  const { release, yaml, isLatest } = found;
  const alerts = await alertRows({ releaseId: release.id, limit: 20 }, i18n);
  const mayRollback = releaseMode(user, release.app.teamId, release.environment, "deploy") === "direct";
  return (
    <>
      <PageHeader
        title={t("releases.releaseTitle", {
          app: `${release.app.team.name}/${release.app.name}`,
          env: release.environment.name,
          number: release.number,
        })}
        subtitle={`${t(`releases.kind.${release.kind}`)} · ${release.image ?? ""}`}
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
                {release.actorLabel}
                {release.approvedByLabel ? ` · ${t("releases.approvedBy", { who: release.approvedByLabel })}` : ""}
              </dd>
              {release.imageDigest ? (
                <>
                  <dt className="text-slate-500">{t("releases.digest")}</dt>
                  <dd className="break-all font-mono text-xs">{release.imageDigest}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">{t("releases.trigger")}</dt>
              <dd>{t(`releases.trigger.${release.trigger}` as "releases.trigger.user")}</dd>
              {release.description ? (
                <>
                  <dt className="text-slate-500">{t("releases.description")}</dt>
                  <dd>{release.description}</dd>
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
                  <dd>{release.request.comment}</dd>
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
          {release.status === "succeeded" && !isLatest && mayRollback ? (
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
                    createdAt: release.createdAt.toISOString(),
                    finishedAt: release.finishedAt?.toISOString() ?? null,
                    app: { id: release.appId, name: release.app.name, team: release.app.team.name },
                  },
                ]}
                environmentId={release.environmentId}
                rollback={rollbackAction}
              />
            </Card>
          ) : null}
          <Card title={t("releases.parameters")}>
            <pre className="max-h-64 overflow-auto font-mono text-xs">
              {JSON.stringify(release.parameters, null, 2)}
            </pre>
          </Card>
          <Card title={t("releases.manifest")}>
            <pre
              data-testid="release-manifest"
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
