import { Msg } from "@/components/i18n/message-text";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EventTable } from "@/components/observe/event-table";
import { LogViewer } from "@/components/observe/log-viewer";
import { PodTable } from "@/components/observe/pod-table";
import { UnsyncedNotice } from "@/components/observe/unsynced-notice";
import { Card, EmptyState } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { getApp } from "@/lib/services/apps/list-apps";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { EVENT_LIMIT, listAppEvents } from "@/lib/services/observe/list-app-events";
import { listAppPods } from "@/lib/services/observe/list-app-pods";
import { ZIdSchema } from "@/lib/validations/common";
import { AppViewHeader } from "../app-view-header";

const REFRESH_SECONDS = 5;

function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <div>
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

export default async function ObservePage({
  params,
  searchParams,
}: {
  params: Promise<{ app: string }>;
  searchParams: Promise<{ env?: string }>;
}) {
  await requirePageUser();
  const { app: id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const app = await getApp(id);
  if (!app) notFound();
  const { t } = await getI18n();
  const environments = await listEnvironments();
  const wanted = (await searchParams).env;
  const selected = environments.find((e) => e.name === wanted) ?? environments[0];
  const header = (
    <AppViewHeader
      app={app}
      view="observe"
      subtitle={selected ? <Msg k="observe.subtitle" values={{ env: selected.displayName }} /> : t("observe.title")}
      environments={environments}
      selected={selected?.name}
    />
  );
  if (!selected) {
    return (
      <>
        {header}
        <EmptyState title={t("observe.noEnvironments")} hint={t("observe.noEnvironmentsHint")} />
      </>
    );
  }
  const [pods, events] = await Promise.all([listAppPods(app.id, selected.id), listAppEvents(app.id, selected.id)]);
  const now = new Date().toISOString();
  return (
    <>
      {header}
      <AutoRefresh seconds={REFRESH_SECONDS} />
      <div className="space-y-8">
        <Section
          title={t("observe.pods")}
          description={
            <Msg
              k="observe.podsHint"
              values={{
                namespace: pods.namespace,
                selector: pods.labelSelector,
                seconds: REFRESH_SECONDS,
              }}
            />
          }
        >
          {!pods.pods.ok ? (
            <UnsyncedNotice error={pods.pods.error} testId="pods-problem" />
          ) : pods.pods.value.length === 0 ? (
            <EmptyState title={<Msg k="observe.noPods" values={{ env: selected.displayName }} />} />
          ) : (
            <PodTable pods={pods.pods.value} now={now} />
          )}
        </Section>
        <Section title={t("observe.logs")}>
          <Card>
            {pods.pods.ok ? (
              <LogViewer
                endpoint={`/api/apps/${app.id}/logs`}
                environmentId={selected.id}
                pods={pods.pods.value.map(({ name, containers }) => ({ name, containers }))}
              />
            ) : (
              <p className="text-sm text-slate-500">{t("observe.logs.noPods")}</p>
            )}
          </Card>
        </Section>
        <Section title={t("observe.events")} description={t("observe.eventsHint", { limit: EVENT_LIMIT })}>
          {!events.ok ? (
            <UnsyncedNotice error={events.error} testId="events-problem" />
          ) : events.value.length === 0 ? (
            <EmptyState title={t("observe.noEvents")} />
          ) : (
            <EventTable events={events.value} now={now} />
          )}
        </Section>
      </div>
    </>
  );
}
