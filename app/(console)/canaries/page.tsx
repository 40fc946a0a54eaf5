import { CanaryCard } from "@/components/canary/canary-card";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { listCanaries } from "@/lib/services/canary/list-canaries";
import { abortCanaryAction, promoteCanaryAction, switchCanaryAction } from "./actions";

// The testers' page (issue 14): every running canary, per environment, with the header to send
// and the switch.
export default async function CanariesPage() {
  const user = await requirePageUser();
  const { t } = await getI18n();
  const rows = await listCanaries(user);
  const environments = [...new Set(rows.map((row) => row.environment.name))];
  const actions = { switchCanary: switchCanaryAction, promote: promoteCanaryAction, abort: abortCanaryAction };
  return (
    <>
      <AutoRefresh seconds={5} />
      <PageHeader title={t("canary.title")} subtitle={t("canary.description")} />
      {rows.length === 0 ? <EmptyState title={t("canary.empty")} hint={t("canary.emptyHint")} /> : null}
      <div className="space-y-6">
        {environments.map((name) => (
          <Card key={name} title={<span translate="no">{name}</span>}>
            <div className="divide-y divide-slate-100">
              {rows
                .filter((row) => row.environment.name === name)
                .map((row) => (
                  <div key={row.id} className="py-4 first:pt-0 last:pb-0">
                    <CanaryCard row={row} actions={actions} />
                  </div>
                ))}
            </div>
          </Card>
        ))}
      </div>
    </>
  );
}
