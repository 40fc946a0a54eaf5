import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/link-button";
import { TabNav } from "@/components/ui/tab-nav";
import { getI18n } from "@/lib/i18n/server";

type View = "overview" | "observe" | "monitoring" | "alerts";

const PATHS: Record<View, string> = { overview: "", observe: "/observe", monitoring: "/monitoring", alerts: "/alerts" };

// The top of an app's pages: its name, the views of it (each keeping the environment) and its
// environments (each keeping the view, and `query`: the view's own settings).
export async function AppViewHeader({
  app,
  subtitle,
  view,
  environments,
  selected,
  query = "",
}: {
  app: { id: string; name: string; team: string };
  subtitle?: ReactNode;
  view: View;
  environments: { name: string; displayName: string }[];
  selected: string | undefined;
  query?: string;
}) {
  const { t } = await getI18n();
  const href = (to: View, env: string | undefined) =>
    `/apps/${app.id}${PATHS[to]}${env ? `?env=${encodeURIComponent(env)}` : ""}`;
  return (
    <>
      <PageHeader
        title={<span translate="no">{`${app.team}/${app.name}`}</span>}
        subtitle={subtitle}
        actions={<BackLink href="/apps" label={t("common.back")} />}
      />
      <TabNav
        label={app.name}
        variant="pills"
        current={view}
        tabs={[
          ...(["overview", "observe", "monitoring"] as const).map((key) => ({
            key,
            label: t(`grafana.tabs.${key}`),
            href: href(key, selected),
          })),
          { key: "alerts", label: t("alerts.appTab"), href: href("alerts", selected) },
        ]}
      />
      {environments.length > 0 ? (
        <TabNav
          label={t("apps.environments")}
          variant="underline"
          current={selected}
          tabs={environments.map((env) => ({
            key: env.name,
            label: <span translate="no">{env.displayName}</span>,
            href: `${href(view, env.name)}${query}`,
          }))}
        />
      ) : null}
    </>
  );
}
