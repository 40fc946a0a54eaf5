import Link from "next/link";
import { ConnectionBadge } from "@/components/environments/connection-status";
import { EnvironmentForm } from "@/components/environments/environment-form";
import { TestConnectionButton } from "@/components/environments/test-connection-button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { integrationChoices } from "@/lib/services/integrations/list-integrations";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { saveEnvironmentAction, testConnectionAction } from "./actions";

export default async function EnvironmentsPage() {
  await requirePageUser("environments.manage");
  const { t } = await getI18n();
  const [environments, { registries }] = await Promise.all([listEnvironments(), integrationChoices()]);
  return (
    <>
      <PageHeader title={t("environments.title")} subtitle={t("settings.environmentsHint")} />
      <div className="space-y-6">
        {environments.length === 0 ? (
          <EmptyState title={t("environments.empty")} />
        ) : (
          <Table
            head={[
              t("environments.name"),
              t("environments.cluster"),
              t("environments.namespacePattern"),
              t("users.status"),
              "",
            ]}
          >
            {environments.map((e) => (
              <tr key={e.id} data-testid={`environment-row-${e.name}`}>
                <Td>
                  <span translate="no">
                    <Link
                      href={`/settings/environments/${e.id}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {e.displayName}
                    </Link>{" "}
                    <span className="text-slate-500">({e.name})</span>
                  </span>{" "}
                  {e.protected ? <Badge tone="amber">{t("environments.protectedBadge")}</Badge> : null}
                </Td>
                <Td className="font-mono text-xs">{e.clusterMode === "in_cluster" ? "in-cluster" : e.clusterServer}</Td>
                <Td className="font-mono text-xs">{e.namespacePattern}</Td>
                <Td>
                  <ConnectionBadge check={e.check} />
                </Td>
                <Td>
                  <TestConnectionButton id={e.id} action={testConnectionAction} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
        <Card title={t("environments.create")}>
          <EnvironmentForm
            action={saveEnvironmentAction}
            registries={registries}
            initial={{
              name: "",
              displayName: "",
              protected: false,
              position: Math.max(0, ...environments.map((e) => e.position)) + 10,
              clusterMode: "kubeconfig",
              namespacePattern: "{team}-{env}",
              registryId: "",
              autoDeploy: false,
              refuseCritical: false,
              maxReplicas: 50,
              autoRollback: false,
              stored: null,
            }}
          />
        </Card>
      </div>
    </>
  );
}
