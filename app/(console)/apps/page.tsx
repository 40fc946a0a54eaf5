import Link from "next/link";
import { redirect } from "next/navigation";
import { AppListTable } from "@/components/apps/app-list-table";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { EmptyState, Notice, PageHeader } from "@/components/ui/card";
import { FilterField, Input, Select } from "@/components/ui/field";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { queryString } from "@/lib/query-string";
import { listAppPage } from "@/lib/services/apps/list-app-page";
import { APP_STATUSES, ZAppListQuerySchema } from "@/lib/validations/app-list";

type Search = Record<string, string | undefined>;

// Every app, 50 a page, with its status in each environment (or the one filtered for). The page
// costs one database statement and no cluster call, however many apps there are (issue 17).
export default async function AppsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser();
  const { t } = await getI18n();
  const search = await searchParams;
  // A filter that is not valid is left out (and named), the others still apply.
  const parsed = ZAppListQuerySchema.safeParse(search);
  const invalid = parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  const query = parsed.success
    ? parsed.data
    : ZAppListQuerySchema.parse(Object.fromEntries(Object.entries(search).filter(([key]) => !invalid.includes(key))));
  const page = await listAppPage(query);
  const filters = { q: query.q, team: query.team, env: query.env, status: query.status };
  if (page.rows.length === 0 && (query.page > 1 || query.after || query.before))
    redirect(`/apps${queryString(filters)}`);
  const environments = query.env ? page.environments.filter((env) => env === query.env) : page.environments;
  return (
    <>
      <PageHeader
        title={t("apps.title")}
        subtitle={t("appList.count", { total: page.total })}
        actions={can(user.role, "apps.deploy") ? <LinkButton href="/apps/new">{t("apps.create")}</LinkButton> : null}
      />
      {invalid.length > 0 ? (
        <div className="mb-4">
          <Notice tone="error" testId="app-list-invalid-filter">
            {t("appList.invalidFilter", { fields: invalid.join(", ") })}
          </Notice>
        </div>
      ) : null}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 rounded-lg bg-white p-3 ring-1 ring-slate-200">
        <FilterField label={t("appList.search")}>
          <Input name="q" type="search" defaultValue={query.q} className="w-56" data-testid="app-list-search" />
        </FilterField>
        <FilterField label={t("appList.team")}>
          <Select name="team" defaultValue={query.team ?? ""} className="w-40" data-testid="app-list-team">
            <option value="">{t("appList.all")}</option>
            {page.teams.map((team) => (
              <option key={team} value={team}>
                {team}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label={t("appList.environment")}>
          <Select name="env" defaultValue={query.env ?? ""} className="w-32" data-testid="app-list-env">
            <option value="">{t("appList.all")}</option>
            {page.environments.map((env) => (
              <option key={env} value={env}>
                {env}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label={t("appList.status")}>
          <Select name="status" defaultValue={query.status ?? ""} className="w-36" data-testid="app-list-status">
            <option value="">{t("appList.all")}</option>
            {APP_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`appList.status.${status}`)}
              </option>
            ))}
          </Select>
        </FilterField>
        <Button type="submit" variant="secondary">
          {t("common.filter")}
        </Button>
        <Link href="/apps" className="px-2 py-1.5 text-sm whitespace-nowrap text-slate-500 hover:text-slate-900">
          {t("common.clear")}
        </Link>
      </form>
      {page.total === 0 && !query.q && !query.team && !query.env && !query.status ? (
        <EmptyState title={t("apps.empty")} hint={t("apps.emptyHint")} />
      ) : page.rows.length === 0 ? (
        <EmptyState title={t("appList.noMatch")} />
      ) : (
        <AppListTable key={page.rows.map((row) => row.id).join()} rows={page.rows} environments={environments} />
      )}
      {page.pages > 1 ? (
        <nav className="mt-4 flex items-center gap-3 text-sm" data-testid="app-list-pages">
          {page.previous ? (
            <Link
              href={`/apps${queryString(filters, { before: page.previous, page: String(Math.max(1, page.page - 1)) })}`}
              className="text-indigo-600 hover:underline"
            >
              ← {t("appList.previous")}
            </Link>
          ) : null}
          <span className="text-slate-500">{t("appList.pageOf", { page: page.page, pages: page.pages })}</span>
          {page.next ? (
            <Link
              href={`/apps${queryString(filters, { after: page.next, page: String(page.page + 1) })}`}
              className="text-indigo-600 hover:underline"
            >
              {t("appList.next")} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
