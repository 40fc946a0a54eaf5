import Link from "next/link";
import { LinkButton } from "@/components/ui/link-button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { listApps } from "@/lib/services/apps/list-apps";

export default async function AppsPage() {
  const user = await requirePageUser();
  const { t } = await getI18n();
  const apps = await listApps();
  return (
    <>
      <PageHeader
        title={t("apps.title")}
        actions={can(user.role, "apps.deploy") ? <LinkButton href="/apps/new">{t("apps.create")}</LinkButton> : null}
      />
      {apps.length === 0 ? (
        <EmptyState title={t("apps.empty")} hint={t("apps.emptyHint")} />
      ) : (
        <Table
          head={[t("apps.name"), t("apps.team"), t("apps.template"), t("apps.imageRepository"), t("apps.environments")]}
        >
          {apps.map((app) => (
            <tr key={app.id} data-testid={`app-row-${app.name}`}>
              <Td>
                <Link href={`/apps/${app.id}`} className="font-medium text-indigo-700 hover:underline">
                  {app.name}
                </Link>
              </Td>
              <Td>{app.team}</Td>
              <Td>
                {app.template} v{app.templateVersion}
              </Td>
              <Td className="font-mono text-xs">{app.imageRepository}</Td>
              <Td>{app.environments.join(", ") || "—"}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
