import { BackLink } from "@/components/ui/link-button";
import { notFound } from "next/navigation";
import { ConnectionBadge, ConnectionDetails } from "@/components/environments/connection-status";
import { EnvironmentForm } from "@/components/environments/environment-form";
import { TestConnectionButton } from "@/components/environments/test-connection-button";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { getEnvironment } from "@/lib/services/environments/list-environments";
import { ZIdSchema } from "@/lib/validations/common";
import { saveEnvironmentAction, testConnectionAction } from "../actions";
import { GrafanaSection } from "./grafana-section";

export default async function EnvironmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("environments.manage");
  const { id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const environment = await getEnvironment(id);
  if (!environment) notFound();
  const { t } = await getI18n();
  return (
    <>
      <PageHeader
        title={`${environment.displayName} (${environment.name})`}
        actions={<BackLink href="/settings/environments" label={t("common.back")} />}
      />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_360px]">
        <Card title={t("environments.edit")}>
          <EnvironmentForm
            action={saveEnvironmentAction}
            initial={{
              id: environment.id,
              name: environment.name,
              displayName: environment.displayName,
              protected: environment.protected,
              position: environment.position,
              clusterMode: environment.clusterMode,
              namespacePattern: environment.namespacePattern,
              imageRegistry: environment.imageRegistry ?? "",
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
      </div>
      <GrafanaSection environmentId={environment.id} />
    </>
  );
}
