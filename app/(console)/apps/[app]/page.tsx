import { Msg } from "@/components/i18n/message-text";
import { notFound } from "next/navigation";
import { DryRunButton } from "@/components/apps/dry-run-button";
import { ParameterForm } from "@/components/apps/parameter-form";
import { UpgradePanel } from "@/components/apps/upgrade-panel";
import { Card, Notice } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { hasTeamAccess } from "@/lib/services/apps/assert-team-access";
import { getI18n } from "@/lib/i18n/server";
import { getApp } from "@/lib/services/apps/list-apps";
import { appEnvironmentView } from "@/lib/services/apps/app-environment-view";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { ZIdSchema } from "@/lib/validations/common";
import { dryRunAppAction, previewUpgradeAction, saveAppEnvironmentAction, upgradeAppAction } from "../actions";
import { AppViewHeader } from "./app-view-header";
import { BuildSection } from "./build-section";
import { CanarySection } from "./canary-section";
import { ReleaseSection } from "./release-section";

export default async function AppPage({
  params,
  searchParams,
}: {
  params: Promise<{ app: string }>;
  searchParams: Promise<{ env?: string }>;
}) {
  const user = await requirePageUser();
  const { app: id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const app = await getApp(id);
  if (!app) notFound();
  const { t } = await getI18n();
  const environments = await listEnvironments();
  const wanted = (await searchParams).env;
  const selected = environments.find((e) => e.name === wanted) ?? environments[0];
  const view = selected ? await appEnvironmentView(app.id, selected.id) : null;
  const mayEdit = can(user.role, "apps.deploy") && hasTeamAccess(user, app.teamId);
  // Replica count and autoscaling are ops' and admins' (the server keeps them for others too).
  const readOnlyKeys = can(user.role, "apps.scale") ? [] : (view?.scalingParameters ?? []);
  return (
    <>
      <AppViewHeader
        app={app}
        view="overview"
        subtitle={<span translate="no">{`${app.template} v${app.templateVersion} · ${app.imageRepository}`}</span>}
        environments={environments}
        selected={selected?.name}
      />
      {selected && view ? (
        <ReleaseSection user={user} app={app} environment={selected} values={view.formValues} />
      ) : null}
      {selected && view ? (
        <div className="mb-6">
          <CanarySection user={user} app={app} environment={selected} />
        </div>
      ) : null}
      {selected && view ? (
        <div className="grid items-start gap-6 xl:grid-cols-2">
          <Card
            title={<Msg k="apps.parameters" values={{ env: selected.name }} />}
            description={<Msg k="apps.namespace" values={{ namespace: view.namespace }} />}
          >
            <ParameterForm
              key={selected.id}
              appId={app.id}
              environmentId={selected.id}
              parameters={view.parameters}
              initial={view.formValues}
              readOnlyKeys={readOnlyKeys}
              {...(mayEdit ? { save: saveAppEnvironmentAction } : {})}
            />
          </Card>
          <Card
            title={<Msg k="apps.rendered" values={{ env: selected.name }} />}
            description={
              <>
                {view.runningTag ? (
                  <Msg k="apps.renderedRunning" values={{ tag: view.runningTag }} />
                ) : (
                  t("apps.renderedNothingRuns")
                )}
                {view.configured ? null : ` ${t("apps.defaultsOnly")}`}
              </>
            }
          >
            <div className="space-y-3">
              {view.errors.length > 0 ? (
                <Notice tone="error">
                  <span className="whitespace-pre-wrap">{view.errors.join("\n")}</span>
                </Notice>
              ) : (
                <pre
                  data-testid="rendered-yaml"
                  translate="no"
                  className="max-h-[70vh] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100"
                >
                  {view.yaml}
                </pre>
              )}
              {mayEdit ? <DryRunButton appId={app.id} environmentId={selected.id} action={dryRunAppAction} /> : null}
            </div>
          </Card>
        </div>
      ) : null}
      <BuildSection user={user} app={app} />
      {mayEdit && app.newerVersions.length > 0 ? (
        <Card title={t("apps.upgradeTitle")} className="mt-6">
          <UpgradePanel
            appId={app.id}
            versions={app.newerVersions}
            preview={previewUpgradeAction}
            upgrade={upgradeAppAction}
          />
        </Card>
      ) : null}
    </>
  );
}
