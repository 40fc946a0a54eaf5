import Link from "next/link";
import { SubscriptionCard } from "@/components/alerting/subscription-card";
import { SubscriptionForm } from "@/components/alerting/subscription-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/link-button";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { appChoices } from "@/lib/services/apps/app-choices";
import { listEnvironments } from "@/lib/services/environments/list-environments";
import { listSubscriptions } from "@/lib/services/subscriptions/list-subscriptions";
import { listTeams } from "@/lib/services/teams/list-teams";
import { deleteSubscriptionAction, saveSubscriptionAction } from "../actions";

export default async function SubscriptionsPage() {
  const user = await requirePageUser("subscriptions.own");
  const { t, locale } = await getI18n();
  const [subscriptions, environments, teams] = await Promise.all([
    listSubscriptions(user),
    listEnvironments(),
    listTeams(),
  ]);
  // Only the apps the subscriptions name, not every app (issue 17).
  const apps = await appChoices(subscriptions.flatMap((subscription) => subscription.appIds));
  const options = {
    apps,
    teams: teams.map((team) => ({ id: team.id, name: team.name })),
    scopes: can(user.role, "subscriptions.team") ? teams.map((team) => ({ id: team.id, name: team.name })) : [],
    environments: environments.map((e) => ({ id: e.id, label: e.displayName })),
  };
  const labels = {
    apps: new Map(apps.map((a) => [a.id, `${a.team}/${a.name}`])),
    teams: new Map(options.teams.map((team) => [team.id, team.name])),
    environments: new Map(options.environments.map((e) => [e.id, e.label])),
  };
  return (
    <>
      <PageHeader
        title={t("alerts.subscriptions")}
        subtitle={t("alerts.subscriptionsHint")}
        actions={<BackLink href="/alerts" label={t("common.back")} />}
      />
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <div className="space-y-4">
          {subscriptions.length === 0 ? <EmptyState title={t("alerts.noSubscriptions")} /> : null}
          {subscriptions.map((subscription) => (
            <SubscriptionCard
              key={subscription.id}
              subscription={subscription}
              summary={t("alerts.sub.summary", {
                apps:
                  subscription.appIds.map((id) => labels.apps.get(id) ?? id).join(", ") ||
                  (subscription.filterTeamId
                    ? (labels.teams.get(subscription.filterTeamId) ?? "")
                    : t("alerts.allApps")),
                envs:
                  subscription.environmentIds.map((id) => labels.environments.get(id) ?? id).join(", ") ||
                  t("alerts.allEnvironments"),
                severity: subscription.minSeverity,
              })}
              options={options}
              save={saveSubscriptionAction}
              remove={deleteSubscriptionAction}
            />
          ))}
        </div>
        <Card title={t("alerts.newSubscription")}>
          <SubscriptionForm
            initial={{
              name: "",
              teamId: null,
              appIds: [],
              filterTeamId: null,
              environmentIds: [],
              minSeverity: "warning",
              alertnames: [],
              matchers: [],
              windowMinutes: 5,
              locale,
              channels: [{ kind: "console", key: "", mentions: "", url: "", addresses: "" }],
            }}
            options={options}
            save={saveSubscriptionAction}
          />
          <p className="mt-3 text-xs text-slate-500">
            <Link href="/settings" className="text-indigo-700 hover:underline">
              {t("profile.wecomUserId")} →
            </Link>
          </p>
        </Card>
      </div>
    </>
  );
}
