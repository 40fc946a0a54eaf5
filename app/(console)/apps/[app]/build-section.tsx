import { BuildPanel } from "@/components/builds/build-panel";
import { BuildSettingsForm } from "@/components/builds/build-settings-form";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Card } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { hasTeamAccess } from "@/lib/services/apps/assert-team-access";
import { appBuildSettings } from "@/lib/services/builds/app-build-settings";
import { listAppBuilds } from "@/lib/services/builds/list-app-builds";
import { integrationChoices } from "@/lib/services/integrations/list-integrations";
import { saveBuildSettingsAction, triggerBuildAction } from "../build-actions";

// The app's builds (Jenkins) and how pushes deploy it: the Build button and the settings for
// the team's developers, the list for everybody; it refreshes while a build runs.
export async function BuildSection({ user, app }: { user: CurrentUser; app: { id: string; teamId: string } }) {
  const { t } = await getI18n();
  const [settings, builds, { jenkins }] = await Promise.all([
    appBuildSettings(app.id),
    listAppBuilds(app.id),
    integrationChoices(),
  ]);
  const mayEdit = can(user.role, "apps.deploy") && hasTeamAccess(user, app.teamId);
  const running = builds.some((build) => build.status === "queued" || build.status === "running");
  return (
    <Card
      title={t("builds.title")}
      description={
        settings.jenkinsJob
          ? t("builds.configured", { job: settings.jenkinsJob, jenkins: settings.jenkinsServer ?? "" })
          : t("builds.notConfigured")
      }
      className="mt-6"
    >
      {running ? <AutoRefresh seconds={3} /> : null}
      <div className="space-y-4">
        <BuildPanel
          appId={app.id}
          builds={builds.map((build) => ({ ...build, createdAt: build.createdAt.toISOString() }))}
          {...(mayEdit && settings.jenkinsJob ? { trigger: triggerBuildAction } : {})}
        />
        {mayEdit ? (
          <details>
            <summary className="cursor-pointer text-sm text-indigo-700">{t("builds.settings")}</summary>
            <div className="mt-3">
              <BuildSettingsForm
                appId={app.id}
                servers={jenkins}
                action={saveBuildSettingsAction}
                initial={{
                  jenkinsServerId: settings.jenkinsServerId ?? "",
                  jenkinsJob: settings.jenkinsJob ?? "",
                  autoDeployPattern: settings.autoDeployPattern,
                }}
              />
            </div>
          </details>
        ) : null}
      </div>
    </Card>
  );
}
