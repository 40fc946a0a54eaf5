import Link from "next/link";
import { RequestList } from "@/components/releases/request-list";
import { ReleaseHistory } from "@/components/releases/release-history";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { listPendingRequests, listReleases } from "@/lib/services/releases/list-releases";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { ZReleaseListQuerySchema } from "@/lib/validations/release";
import { RELEASE_STATUSES } from "@/lib/validations/release-status";
import { decideRequestAction } from "./actions";

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageUser();
  const { t } = await getI18n();
  const query = ZReleaseListQuerySchema.parse(await searchParams);
  const environments = await listEnvironments();
  const environment = environments.find((env) => env.name === query.env);
  const [page, requests] = await Promise.all([
    listReleases({
      ...(query.app ? { appId: query.app } : {}),
      ...(environment ? { environmentId: environment.id } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    }),
    listPendingRequests(),
  ]);
  const mayDecide = can(user.role, "releases.approve");
  const next = new URLSearchParams({
    ...(query.app ? { app: query.app } : {}),
    ...(query.env ? { env: query.env } : {}),
    ...(query.status ? { status: query.status } : {}),
  });
  return (
    <>
      <PageHeader title={t("releases.title")} />
      {requests.length > 0 ? (
        <Card title={t("releases.pendingRequests")} className="mb-6">
          <RequestList
            requests={requests.map((request) => ({
              ...request,
              createdAt: request.createdAt.toISOString(),
              app: { id: request.app.id, name: request.app.name, team: request.app.team.name },
            }))}
            {...(mayDecide ? { decide: decideRequestAction } : {})}
          />
        </Card>
      ) : null}
      <form className="mb-4 flex flex-wrap items-end gap-2" method="get">
        {query.app ? <input type="hidden" name="app" value={query.app} /> : null}
        <label className="text-sm">
          {t("releases.environment")}
          <Select name="env" defaultValue={query.env ?? ""} className="mt-1">
            <option value="">{t("releases.all")}</option>
            {environments.map((env) => (
              <option key={env.id} value={env.name}>
                {env.displayName}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          {t("releases.statusTitle")}
          <Select name="status" defaultValue={query.status ?? ""} className="mt-1">
            <option value="">{t("releases.all")}</option>
            {RELEASE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`releases.status.${status}`)}
              </option>
            ))}
          </Select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("releases.filter")}
        </button>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState title={t("releases.empty")} hint={t("releases.emptyHint")} />
      ) : (
        <ReleaseHistory
          showApp
          rows={page.rows.map((row) => ({
            ...row,
            createdAt: row.createdAt.toISOString(),
            startedAt: row.startedAt?.toISOString() ?? null,
            finishedAt: row.finishedAt?.toISOString() ?? null,
          }))}
        />
      )}
      {page.nextCursor ? (
        <div className="mt-4">
          <Link
            className={buttonClass("secondary")}
            href={`/releases?${new URLSearchParams({ ...Object.fromEntries(next), cursor: page.nextCursor }).toString()}`}
          >
            {t("releases.older")}
          </Link>
        </div>
      ) : null}
    </>
  );
}
