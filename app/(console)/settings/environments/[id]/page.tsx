import { BackLink } from "@/components/ui/link-button";
import { notFound } from "next/navigation";
import { CacheHealth } from "@/components/environments/cache-health";
import { ConnectionBadge, ConnectionDetails } from "@/components/environments/connection-status";
import { EnvironmentForm } from "@/components/environments/environment-form";
import { RoutingSection } from "@/components/environments/routing-section";
import { TestConnectionButton } from "@/components/environments/test-connection-button";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { environmentCaches } from "@/lib/services/environments/environment-caches";
import { getEnvironmentRouting } from "@/lib/services/environments/environment-routing";
import { integrationChoices } from "@/lib/services/integrations/list-integrations";
import { getEnvironment } from "@/lib/services/environments/list-environments";
import { ZIdSchema } from "@/lib/validations/common";
import { saveEnvironmentAction, testConnectionAction } from "../actions";
import { GrafanaSection } from "./grafana-section";
import { saveRoutingAction } from "../routing-actions";

export default async function EnvironmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("environments.manage");
  const { id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const [environment, routing] = await Promise.all([getEnvironment(id), getEnvironmentRouting(id)]);
  if (!environment || !routing) notFound();
  const { t } = await getI18n();
  const { registries } = await integrationChoices();
  return (
    <>
      <PageHeader
        title={<span translate="no">{`${environment.displayName} (${environment.name})`}</span>}
        actions={<BackLink href="/settings/environments" label={t("common.back")} />}
      />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_360px]">
        <Card title={t("environments.edit")}>
          <EnvironmentForm
            action={saveEnvironmentAction}
            registries={registries}
            initial={{
              id: environment.id,
              name: environment.name,
              displayName: environment.displayName,
              protected: environment.protected,
              position: environment.position,
              clusterMode: environment.clusterMode,
              namespacePattern: environment.namespacePattern,
              registryId: environment.registryId ?? "",
              autoDeploy: environment.autoDeploy,
              refuseCritical: environment.refuseCritical,
              maxReplicas: environment.maxReplicas,
              autoRollback: environment.autoRollback,
              stored: environment.hasKubeconfig
                ? { server: environment.clusterServer, context: environment.clusterContext }
                : null,
            }}
          />
        </Card>
        <Card title={t("environments.cluster")}>
          <div className="space-y-3">
            <ConnectionBadge check={environment.check} />
            {environment.check ? <ConnectionDetails check={environment.check} /> : null}
            <TestConnectionButton id={environment.id} action={testConnectionAction} />
          </div>
        </Card>
        <Card title={t("canary.routing.title")}>
          <RoutingSection
            action={saveRoutingAction}
            initial={{
              id: environment.id,
              routing: routing.routing,
              gatewayName: routing.gatewayName ?? "",
              gatewayNamespace: routing.gatewayNamespace ?? "",
              gatewaySection: routing.gatewaySection ?? "",
              decided: Boolean(routing.routingDecidedAt),
            }}
          />
        </Card>
      </div>
      <GrafanaSection environmentId={environment.id} />
      <div className="mt-6">
        <Card title={t("caches.title")}>
          <CacheHealth data={environmentCaches(environment.name)} t={t} />
        </Card>
      </div>
    </>
  );
}
