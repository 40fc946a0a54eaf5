import Link from "next/link";
import { AlertFilters } from "@/components/alerting/alert-filters";
import { AlertTable } from "@/components/alerting/alert-table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { alertRows } from "@/lib/services/alerts/alert-rows";
import { appChoices } from "@/lib/services/apps/app-choices";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { ZAlertListQuerySchema } from "@/lib/validations/subscription";

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePageUser();
  const { t } = await getI18n();
  const query = ZAlertListQuerySchema.parse(await searchParams);
  const [page, [app], environments] = await Promise.all([
    alertRows(query),
    appChoices(query.app ? [query.app] : []),
    listEnvironments(),
  ]);
  const params = (extra: Record<string, string | undefined>) =>
    new URLSearchParams(
      Object.entries({ ...query, cursor: undefined, ...extra }).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString();
  const tab = (state: "firing" | "all", label: string) => (
    <Link
      href={`/alerts?${params({ state })}`}
      aria-current={query.state === state ? "page" : undefined}
      className={
        query.state === state
          ? "border-b-2 border-indigo-600 px-3 py-2 text-sm font-medium"
          : "px-3 py-2 text-sm text-slate-500 hover:text-slate-900"
      }
    >
      {label}
    </Link>
  );
  return (
    <>
      <PageHeader
        title={t("alerts.title")}
        actions={
          <div className="flex gap-4 text-sm">
            <Link href="/alerts/subscriptions" className="text-indigo-700 hover:underline">
              {t("alerts.subscriptions")}
            </Link>
            <Link href="/inbox" className="text-indigo-700 hover:underline">
              {t("inbox.title")}
            </Link>
          </div>
        }
      />
      <AutoRefresh seconds={10} />
      <nav className="mb-4 flex gap-1 border-b border-slate-200">
        {tab("firing", t("alerts.firingNow"))}
        {tab("all", t("alerts.history"))}
      </nav>
      <AlertFilters
        query={query}
        app={app}
        environments={environments.map((e) => ({ name: e.name, label: e.displayName }))}
      />
      {page.rows.length === 0 ? (
        <EmptyState
          title={query.state === "firing" ? t("alerts.noFiring") : t("alerts.noHistory")}
          hint={t("alerts.emptyHint")}
        />
      ) : (
        <AlertTable rows={page.rows} t={t} />
      )}
      {page.nextCursor ? (
        <Link
          href={`/alerts?${params({ cursor: page.nextCursor })}`}
          className="mt-3 inline-block text-sm text-indigo-700 hover:underline"
        >
          {t("alerts.older")}
        </Link>
      ) : null}
    </>
  );
}
