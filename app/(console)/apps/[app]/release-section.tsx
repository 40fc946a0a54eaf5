import { Msg } from "@/components/i18n/message-text";
import Link from "next/link";
import { DeployPanel } from "@/components/releases/deploy-panel";
import { DriftList } from "@/components/releases/drift-list";
import { OperatePanel } from "@/components/releases/operate-panel";
import { ReleaseHistory } from "@/components/releases/release-history";
import { ReleaseLine } from "@/components/releases/release-line";
import { RequestList } from "@/components/releases/request-list";
import { RevisionsTable } from "@/components/releases/revisions-table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Card } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { listPendingRequests, listReleases } from "@/lib/services/releases/list-releases";
import { appDrift } from "@/lib/services/releases/app-drift";
import { appRevisions } from "@/lib/services/releases/list-revisions";
import { releaseMode } from "@/lib/services/releases/release-access";
import { isFinalStatus } from "@/lib/validations/release-status";
import { isCanaryKind } from "@/lib/services/canary/canary-state";
import {
  decideRequestAction,
  deployAction,
  previewDeployAction,
  restartAction,
  rollbackAction,
  scaleAction,
} from "../../releases/actions";
import { listImageTagsAction, lookupTagDigestsAction } from "../build-actions";

type Props = {
  user: CurrentUser;
  app: { id: string; teamId: string; imageRepository: string };
  environment: { id: string; name: string; protected: boolean; maxReplicas: number };
  values: Record<string, unknown>;
};

// Deploy, what runs now (scale, restart), requests waiting for approval, the release history
// with rollback, and Kubernetes' revisions, for one app in one environment.
export async function ReleaseSection({ user, app, environment, values }: Props) {
  const { t } = await getI18n();
  const [history, requests, revisions, drift] = await Promise.all([
    listReleases({ appId: app.id, environmentId: environment.id, limit: 20 }),
    listPendingRequests({ appId: app.id, environmentId: environment.id }),
    appRevisions(app.id, environment.id),
    appDrift(app.id, environment.id),
  ]);
  const deployMode = releaseMode(user, app.teamId, environment, "deploy");
  const mayDeploy = deployMode !== null;
  // Roll back and restart: like a deploy, but never as a request.
  const mayOperate = deployMode === "direct";
  const mayScale = releaseMode(user, app.teamId, environment, "scale") !== null;
  const latest = history.rows.find((row) => !isCanaryKind(row.kind));
  // What runs: the last succeeded release of the stable app (a canary's are in its own card). The latest one, when it is another, is shown apart:
  // in progress, or failed (then what runs is still the succeeded one).
  const current = history.rows.find((row) => row.status === "succeeded" && !isCanaryKind(row.kind));
  const attempt = latest && latest.id !== current?.id ? latest : null;
  const autoscaling = values.autoscaling as { enabled?: boolean; min?: number; max?: number } | undefined;
  const ref = { appId: app.id, environmentId: environment.id };
  const rows = history.rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
  const active = latest && !isFinalStatus(latest.status);
  return (
    <div className="mb-6 space-y-6">
      {active ? <AutoRefresh seconds={3} /> : null}
      <div className="grid items-start gap-6 xl:grid-cols-2">
        {mayDeploy ? (
          <Card
            title={<Msg k="releases.deployTo" values={{ env: environment.name }} />}
            description={environment.protected ? t("releases.protectedHint") : undefined}
          >
            <DeployPanel
              {...ref}
              repository={app.imageRepository}
              preview={previewDeployAction}
              deploy={deployAction}
              listTags={{ list: listImageTagsAction, digests: lookupTagDigestsAction }}
            />
          </Card>
        ) : null}
        <Card title={t("releases.now")}>
          <div className="space-y-3 text-sm">
            {current ? (
              <ReleaseLine release={current} testId="current-release" />
            ) : (
              <p className="text-slate-500">{t("releases.nothingYet")}</p>
            )}
            {attempt ? (
              <div className="space-y-1 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200" data-testid="latest-attempt">
                <p className="text-xs font-medium whitespace-nowrap text-slate-500">
                  {isFinalStatus(attempt.status) ? t("releases.lastAttempt") : t("releases.inProgress")}
                </p>
                <ReleaseLine release={attempt} testId="latest-release" />
                {isFinalStatus(attempt.status) && current ? (
                  <p className="text-xs text-slate-600">
                    {t("releases.lastAttemptFailed", { number: current.number })}
                  </p>
                ) : null}
              </div>
            ) : null}
            {drift.ok && drift.value && drift.value.items.length > 0 ? <DriftList drift={drift.value} /> : null}
            {drift.ok ? null : (
              <p className="text-xs text-slate-500">
                <Msg k="drift.unreadable" values={{ error: drift.error }} />
              </p>
            )}
            {current && (mayScale || mayOperate) ? (
              <OperatePanel
                {...ref}
                maxReplicas={environment.maxReplicas}
                autoscaling={
                  autoscaling?.enabled ? { min: Number(autoscaling.min ?? 1), max: Number(autoscaling.max ?? 1) } : null
                }
                replicas={typeof values.replicas === "number" ? values.replicas : null}
                mayScale={mayScale}
                mayRestart={mayOperate}
                scale={scaleAction}
                restart={restartAction}
              />
            ) : null}
            <Link
              href={`/apps/${app.id}/observe?env=${environment.name}`}
              className="inline-block text-indigo-700 hover:underline"
            >
              {t("releases.podsAndLogs")}
            </Link>
          </div>
        </Card>
      </div>
      {requests.length > 0 ? (
        <Card title={t("releases.pendingRequests")}>
          <RequestList
            requests={requests.map((request) => ({
              ...request,
              createdAt: request.createdAt.toISOString(),
              app: { id: request.app.id, name: request.app.name, team: request.app.team.name },
            }))}
            {...(can(user.role, "releases.approve") ? { decide: decideRequestAction } : {})}
          />
        </Card>
      ) : null}
      {rows.length > 0 ? (
        <Card title={t("releases.history")}>
          <ReleaseHistory
            rows={rows}
            current={current ? { id: current.id, manifestHash: current.manifestHash } : null}
            environmentId={environment.id}
            {...(mayOperate ? { rollback: rollbackAction } : {})}
          />
          {history.nextCursor ? (
            <Link
              href={`/releases?app=${app.id}&env=${environment.name}`}
              className="mt-2 inline-block text-sm text-indigo-700 hover:underline"
            >
              {t("releases.allReleases")}
            </Link>
          ) : null}
        </Card>
      ) : null}
      {rows.length > 0 ? (
        <Card
          title={t("releases.revisions")}
          description={<Msg k="releases.revisionsHint" values={{ command: "kubectl rollout history" }} code />}
        >
          <RevisionsTable read={revisions} />
        </Card>
      ) : null}
    </div>
  );
}
