import Link from "next/link";
import { BackLink } from "@/components/ui/link-button";
import { notFound } from "next/navigation";
import { AppTabs } from "@/components/alerting/app-tabs";
import { DryRunButton } from "@/components/apps/dry-run-button";
import { ParameterForm } from "@/components/apps/parameter-form";
import { UpgradePanel } from "@/components/apps/upgrade-panel";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { hasTeamAccess } from "@/lib/services/apps/assert-team-access";
import { getI18n } from "@/lib/i18n/server";
import { getApp } from "@/lib/services/apps/list-apps";
import { appEnvironmentView } from "@/lib/services/apps/app-environment-view";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { ZIdSchema } from "@/lib/validations/common";
import { dryRunAppAction, previewUpgradeAction, saveAppEnvironmentAction, upgradeAppAction } from "../actions";
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
  return (
    <>
      <PageHeader
        title={`${app.team}/${app.name}`}
        subtitle={`${app.template} v${app.templateVersion} · ${app.imageRepository}`}
        actions={<BackLink href="/apps" label={t("common.back")} />}
      />
      <AppTabs appId={app.id} current="app" t={t} />
      <nav aria-label={t("apps.environments")} className="mb-4 flex gap-1 border-b border-slate-200">
        {environments.map((env) => (
          <Link
            key={env.id}
            href={`/apps/${app.id}?env=${env.name}`}
            aria-current={env.id === selected?.id ? "page" : undefined}
            className={
              env.id === selected?.id
                ? "border-b-2 border-indigo-600 px-3 py-2 text-sm font-medium"
                : "px-3 py-2 text-sm text-slate-500 hover:text-slate-900"
            }
          >
            {env.displayName}
          </Link>
        ))}
      </nav>
      {selected && view ? (
        <ReleaseSection user={user} app={app} environment={selected} values={view.formValues} />
      ) : null}
      {selected && view ? (
        <div className="grid items-start gap-6 xl:grid-cols-2">
          <Card
            title={t("apps.parameters", { env: selected.name })}
            description={t("apps.namespace", { namespace: view.namespace })}
          >
            {mayEdit ? (
              <ParameterForm
                appId={app.id}
                environmentId={selected.id}
                parameters={view.parameters}
                initial={view.formValues}
                save={saveAppEnvironmentAction}
              />
            ) : (
              <pre className="font-mono text-xs">{JSON.stringify(view.formValues, null, 2)}</pre>
            )}
          </Card>
          <Card
            title={t("apps.rendered", { env: selected.name })}
            description={view.configured ? undefined : t("apps.defaultsOnly")}
          >
            <div className="space-y-3">
              {view.errors.length > 0 ? (
                <Notice tone="error">
                  <span className="whitespace-pre-wrap">{view.errors.join("\n")}</span>
                </Notice>
              ) : (
                <pre
                  data-testid="rendered-yaml"
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
