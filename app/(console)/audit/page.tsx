import Link from "next/link";
import { AppPicker } from "@/components/apps/app-picker";
import { AuditChange } from "@/components/audit/audit-change";
import { MessageText, Msg } from "@/components/i18n/message-text";
import { Time } from "@/components/i18n/time";
import { Button } from "@/components/ui/button";
import { EmptyState, Notice, PageHeader } from "@/components/ui/card";
import { FilterField, Input, Select } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/guards";
import { auditSentence } from "@/lib/audit/audit-sentence";
import { formatZone } from "@/lib/i18n/clock";
import { getI18n } from "@/lib/i18n/server";
import { queryString } from "@/lib/query-string";
import { appChoices } from "@/lib/services/apps/app-choices";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { ZAuditQuerySchema } from "@/lib/validations/audit";

type Search = Record<string, string | undefined>;

// Areas of the history, filtered by action prefix.
const AREAS = ["release", "app", "template", "environment", "team", "user", "auth"] as const;

// The history as sentences, newest first: who did what to which app in which environment. Sign-ins
// are left out unless asked for; the details (field changes, request) fold under each row.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageUser("audit.read");
  const { t, locale, clock } = await getI18n();
  const search = await searchParams;
  // A filter that is not valid is left out (and named), the others still apply.
  const parsed = ZAuditQuerySchema.safeParse(search);
  const invalid = parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  const query = parsed.success
    ? parsed.data
    : (ZAuditQuerySchema.safeParse(Object.fromEntries(Object.entries(search).filter(([key]) => !invalid.includes(key))))
        .data ?? ZAuditQuerySchema.parse({}));
  const [page, apps, environments] = await Promise.all([
    listAuditEvents(query, clock.timeZone),
    appChoices(query.app ? [query.app] : []),
    listEnvironments(),
  ]);
  const filters = {
    actor: search.actor,
    action: search.action,
    app: search.app,
    env: search.env,
    signins: search.signins,
    from: search.from,
    to: search.to,
  };
  return (
    <>
      <PageHeader
        title={t("audit.title")}
        subtitle={
          <>
            {t("audit.subtitle")} <Msg k="audit.zoneNote" values={{ zone: formatZone(new Date(), clock) }} />
          </>
        }
        actions={
          <a
            href={`/api/audit/export${queryString(filters)}`}
            className="text-sm font-medium whitespace-nowrap text-indigo-600 hover:underline"
          >
            {t("audit.export")}
          </a>
        }
      />
      {invalid.length > 0 ? (
        <div className="mb-4">
          <Notice tone="error" testId="audit-invalid-filter">
            {t("audit.invalidFilter", { fields: invalid.join(", ") })}
          </Notice>
        </div>
      ) : null}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 rounded-lg bg-white p-3 ring-1 ring-slate-200">
        <FilterField label={t("audit.app")}>
          <AppPicker
            name="app"
            selected={apps}
            placeholder={t("audit.all")}
            className="w-56"
            testId="audit-filter-app"
          />
        </FilterField>
        <FilterField label={t("audit.environment")}>
          <Select name="env" defaultValue={search.env ?? ""} className="w-32" data-testid="audit-filter-env">
            <option value="">{t("audit.all")}</option>
            {environments.map((env) => (
              <option key={env.id} value={env.id}>
                {env.displayName}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label={t("audit.action")}>
          <Select name="action" defaultValue={search.action ?? ""} className="w-32">
            <option value="">{t("audit.allActions")}</option>
            {AREAS.map((area) => (
              <option key={area} value={`${area}.`}>
                {t(`audit.area.${area}`)}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label={t("audit.actor")}>
          <Input name="actor" defaultValue={search.actor} className="w-44" />
        </FilterField>
        <FilterField label={t("audit.from")}>
          <Input name="from" type="datetime-local" defaultValue={search.from} className="w-48" />
        </FilterField>
        <FilterField label={t("audit.to")}>
          <Input name="to" type="datetime-local" defaultValue={search.to} className="w-48" />
        </FilterField>
        <label className="flex items-center gap-1.5 pb-2 text-sm whitespace-nowrap text-slate-700">
          <input type="checkbox" name="signins" value="1" defaultChecked={search.signins === "1"} />
          {t("audit.showSignIns")}
        </label>
        <Button type="submit" variant="secondary">
          {t("common.filter")}
        </Button>
        <Link href="/audit" className="px-2 py-1.5 text-sm whitespace-nowrap text-slate-500 hover:text-slate-900">
          {t("common.clear")}
        </Link>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <Table head={[t("audit.time"), t("audit.event"), t("audit.details")]}>
          {page.rows.map((row) => {
            const change = <AuditChange before={row.before} after={row.after} t={t} locale={locale} />;
            return (
              <tr key={row.id} data-testid="audit-row" data-action={row.action}>
                <Td className="w-40 text-slate-500">
                  <Time value={row.at} />
                </Td>
                <Td className="min-w-0">
                  <span data-testid="audit-sentence">
                    <MessageText message={auditSentence(row)} />
                  </span>
                </Td>
                <Td className="w-80 max-w-80">
                  <details>
                    <summary className="cursor-pointer text-xs whitespace-nowrap text-slate-500">
                      {t("audit.details")}
                    </summary>
                    <div className="mt-1 space-y-1">
                      {change}
                      <p className="text-xs text-slate-400">
                        <code translate="no">{row.action}</code>
                        {row.requestId ? (
                          <>
                            {" · "}
                            <Msg k="audit.requestLine" values={{ id: row.requestId.slice(0, 8), ip: row.ip ?? "—" }} />
                          </>
                        ) : null}
                      </p>
                    </div>
                  </details>
                </Td>
              </tr>
            );
          })}
        </Table>
      )}
      <div className="mt-4 flex gap-3 text-sm">
        {query.cursor ? (
          <Link href={`/audit${queryString(filters)}`} className="text-indigo-600 hover:underline">
            {t("common.first")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={`/audit${queryString(filters, { cursor: page.nextCursor })}`}
            className="text-indigo-600 hover:underline"
          >
            {t("common.next")} →
          </Link>
        ) : null}
      </div>
    </>
  );
}
