import { Msg } from "@/components/i18n/message-text";
import { CheckStatus } from "@/components/integrations/check-status";
import { DeleteIntegration } from "@/components/integrations/delete-integration";
import { DeliveriesTable } from "@/components/integrations/deliveries-table";
import { IntegrationActions } from "@/components/integrations/integration-actions";
import { JenkinsForm } from "@/components/integrations/jenkins-form";
import { RegistryForm } from "@/components/integrations/registry-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { publicOrigin } from "@/lib/integrations/public-origin";
import { listIntegrations } from "@/lib/services/integrations/list-integrations";
import {
  deleteIntegrationAction,
  rotateWebhookSecretAction,
  saveJenkinsServerAction,
  saveRegistryAction,
  testIntegrationAction,
} from "./actions";

// Registries and Jenkins servers: admins add, edit and test them; ops read.
export default async function IntegrationsPage() {
  const user = await requirePageUser("integrations.read");
  const mayManage = can(user.role, "integrations.manage");
  const { t } = await getI18n();
  const [{ registries, jenkins }, origin] = await Promise.all([listIntegrations(), publicOrigin()]);
  return (
    <>
      <PageHeader title={t("integrations.title")} subtitle={t("integrations.subtitle")} />
      <div className="space-y-6">
        <h2 className="text-base font-semibold text-slate-900">{t("integrations.registries")}</h2>
        {registries.length === 0 ? <EmptyState title={t("integrations.noRegistries")} /> : null}
        {registries.map((registry) => (
          <Card
            key={registry.id}
            title={
              <span
                className="flex flex-wrap items-center gap-2"
                data-testid={`registry-${registry.name}`}
                translate="no"
              >
                {registry.name} <Badge tone="indigo">{registry.kind === "harbor" ? "Harbor" : "OCI"}</Badge>
                <span className="font-mono text-xs font-normal text-slate-500">{registry.url}</span>
              </span>
            }
            description={
              registry.environments.length > 0 ? (
                <Msg k="integrations.usedBy" values={{ environments: registry.environments.join(", ") }} />
              ) : (
                t("integrations.unused")
              )
            }
          >
            <div className="space-y-4">
              <CheckStatus check={registry.check} />
              {registry.kind === "harbor" ? (
                <div className="text-sm">
                  <p className="text-slate-500">{t("integrations.harborWebhook")}</p>
                  <code className="block break-all font-mono text-xs" data-testid="webhook-url">
                    {origin}/api/webhooks/harbor/{registry.id}
                  </code>
                </div>
              ) : null}
              {mayManage ? (
                <IntegrationActions
                  target={{ kind: "registry", id: registry.id }}
                  test={testIntegrationAction}
                  {...(registry.kind === "harbor" ? { rotate: rotateWebhookSecretAction } : {})}
                  secretHint={t("integrations.harborSecretHint")}
                />
              ) : null}
              {mayManage ? (
                <details>
                  <summary className="cursor-pointer text-sm text-indigo-700">{t("integrations.edit")}</summary>
                  <div className="mt-3">
                    <RegistryForm
                      action={saveRegistryAction}
                      initial={{
                        id: registry.id,
                        name: registry.name,
                        kind: registry.kind,
                        url: registry.url,
                        tokenUrl: registry.tokenUrl ?? "",
                        username: registry.username ?? "",
                        hasSecret: registry.hasSecret,
                      }}
                    />
                  </div>
                </details>
              ) : null}
              {mayManage ? (
                <DeleteIntegration
                  target={{ kind: "registry", id: registry.id }}
                  name={registry.name}
                  usedBy={registry.environments}
                  remove={deleteIntegrationAction}
                />
              ) : null}
              {registry.kind === "harbor" ? (
                <div className="space-y-2">
                  <h3 className="text-sm font-medium text-slate-700">{t("integrations.deliveries")}</h3>
                  <DeliveriesTable
                    rows={registry.deliveries.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() }))}
                  />
                </div>
              ) : null}
            </div>
          </Card>
        ))}
        {mayManage ? (
          <Card title={t("integrations.addRegistry")}>
            <RegistryForm
              action={saveRegistryAction}
              initial={{ name: "", kind: "harbor", url: "", tokenUrl: "", username: "", hasSecret: false }}
            />
          </Card>
        ) : null}

        <h2 className="pt-4 text-base font-semibold text-slate-900">Jenkins</h2>
        {jenkins.length === 0 ? <EmptyState title={t("integrations.noJenkins")} /> : null}
        {jenkins.map((server) => (
          <Card
            key={server.id}
            title={
              <span className="flex flex-wrap items-center gap-2" data-testid={`jenkins-${server.name}`}>
                {server.name} <span className="font-mono text-xs font-normal text-slate-500">{server.url}</span>
              </span>
            }
            description={
              server.apps.length > 0 ? (
                <Msg k="integrations.jenkinsUsedBy" values={{ apps: server.apps.join(", ") }} />
              ) : (
                t("integrations.jenkinsUnused")
              )
            }
          >
            <div className="space-y-4">
              <CheckStatus check={server.check} />
              <div className="text-sm">
                <p className="text-slate-500">{t("integrations.jenkinsWebhook")}</p>
                <code className="block break-all font-mono text-xs">
                  {origin}/api/webhooks/jenkins/{server.id}
                </code>
              </div>
              {mayManage ? (
                <IntegrationActions
                  target={{ kind: "jenkins", id: server.id }}
                  test={testIntegrationAction}
                  rotate={rotateWebhookSecretAction}
                  secretHint={t("integrations.jenkinsSecretHint")}
                />
              ) : null}
              {mayManage ? (
                <details>
                  <summary className="cursor-pointer text-sm text-indigo-700">{t("integrations.edit")}</summary>
                  <div className="mt-3">
                    <JenkinsForm
                      action={saveJenkinsServerAction}
                      initial={{
                        id: server.id,
                        name: server.name,
                        url: server.url,
                        username: server.username,
                        hasToken: server.hasToken,
                      }}
                    />
                  </div>
                </details>
              ) : null}
              {mayManage ? (
                <DeleteIntegration
                  target={{ kind: "jenkins", id: server.id }}
                  name={server.name}
                  usedBy={server.apps}
                  remove={deleteIntegrationAction}
                />
              ) : null}
            </div>
          </Card>
        ))}
        {mayManage ? (
          <Card title={t("integrations.addJenkins")}>
            <JenkinsForm
              action={saveJenkinsServerAction}
              initial={{ name: "", url: "", username: "", hasToken: false }}
            />
          </Card>
        ) : null}
      </div>
    </>
  );
}
