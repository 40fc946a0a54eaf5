import { notFound } from "next/navigation";
import { AlertFilters } from "@/components/alerting/alert-filters";
import { AlertTable } from "@/components/alerting/alert-table";
import { AppViewHeader } from "../app-view-header";
import { EmptyState } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { Msg } from "@/components/i18n/message-text";
import { alertRows } from "@/lib/services/alerts/alert-rows";
import { getApp } from "@/lib/services/apps/list-apps";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { ZIdSchema } from "@/lib/validations/common";
import { ZAlertListQuerySchema } from "@/lib/validations/subscription";

// An app's alerts: the Alerts list narrowed to the app (history by default).
export default async function AppAlertsPage({
  params,
  searchParams,
}: {
  params: Promise<{ app: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  await requirePageUser();
  const { app: id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const app = await getApp(id);
  if (!app) notFound();
  const { t } = await getI18n();
  const query = ZAlertListQuerySchema.parse({ state: "all", ...(await searchParams) });
  const [page, environments] = await Promise.all([alertRows({ ...query, appId: app.id }), listEnvironments()]);
  return (
    <>
      <AppViewHeader
        app={app}
        view="alerts"
        subtitle={<Msg k="alerts.appAlertsTitle" values={{ app: app.name }} />}
        environments={[]}
        selected={undefined}
      />
      <AlertFilters
        query={query}
        environments={environments.map((e) => ({ name: e.name, label: e.displayName }))}
        fixedApp
      />
      {page.rows.length === 0 ? <EmptyState title={t("alerts.noHistory")} /> : <AlertTable rows={page.rows} t={t} />}
    </>
  );
}
