import Link from "next/link";
import { AuditChange } from "@/components/audit/audit-change";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { ZAuditQuerySchema } from "@/lib/validations/audit";

type Search = Record<string, string | undefined>;

function withParams(search: Search, patch: Search): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...search, ...patch })) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageUser("audit.read");
  const { t, locale } = await getI18n();
  const search = await searchParams;
  const parsed = ZAuditQuerySchema.safeParse(search);
  const query = parsed.success ? parsed.data : ZAuditQuerySchema.parse({});
  const page = await listAuditEvents(query);
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  const filters = { actor: search.actor, action: search.action, from: search.from, to: search.to };
  return (
    <>
      <PageHeader
        title={t("audit.title")}
        subtitle={t("audit.subtitle")}
        actions={
          <a
            href={`/api/audit/export${withParams(filters, {})}`}
            className="text-sm font-medium text-indigo-600 hover:underline"
          >
            CSV
          </a>
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 rounded-lg bg-white p-3 ring-1 ring-slate-200">
        <label className="text-xs text-slate-500">
          {t("audit.actor")}
          <Input name="actor" defaultValue={search.actor} className="mt-1 w-48" />
        </label>
        <label className="text-xs text-slate-500">
          {t("audit.action")}
          <Input name="action" defaultValue={search.action} placeholder="user." className="mt-1 w-40" />
        </label>
        <label className="text-xs text-slate-500">
          {t("audit.from")}
          <Input name="from" type="datetime-local" defaultValue={search.from} className="mt-1" />
        </label>
        <label className="text-xs text-slate-500">
          {t("audit.to")}
          <Input name="to" type="datetime-local" defaultValue={search.to} className="mt-1" />
        </label>
        <Button type="submit" variant="secondary">
          {t("common.filter")}
        </Button>
        <Link href="/audit" className="px-2 py-1.5 text-sm text-slate-500 hover:text-slate-900">
          {t("common.clear")}
        </Link>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <Table
          head={[
            t("audit.time"),
            t("audit.actor"),
            t("audit.action"),
            t("audit.target"),
            t("audit.change"),
            t("audit.request"),
          ]}
        >
          {page.rows.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <Td className="whitespace-nowrap text-slate-500">{time.format(row.at)}</Td>
              <Td>{row.actorLabel}</Td>
              <Td>
                <code className="text-xs">{row.action}</code>
              </Td>
              <Td>
                <span className="text-slate-500">{row.targetType}</span> {row.targetLabel}
              </Td>
              <Td>
                <AuditChange before={row.before} after={row.after} />
              </Td>
              <Td className="text-xs text-slate-400">
                {row.ip ?? ""}
                <br />
                <span title={row.requestId ?? ""}>{row.requestId?.slice(0, 8)}</span>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <div className="mt-4 flex gap-3 text-sm">
        {query.cursor ? (
          <Link href={`/audit${withParams(filters, {})}`} className="text-indigo-600 hover:underline">
            {t("common.first")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={`/audit${withParams(filters, { cursor: page.nextCursor })}`}
            className="text-indigo-600 hover:underline"
          >
            {t("common.next")} →
          </Link>
        ) : null}
      </div>
    </>
  );
}
