import { CreateAppForm } from "@/components/apps/create-app-form";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { templateChoices } from "@/lib/services/apps/list-apps";
import { listTeams } from "@/lib/services/teams/list-teams";
import { createAppAction } from "../actions";

export default async function NewAppPage() {
  const user = await requirePageUser("apps.deploy");
  const { t } = await getI18n();
  const [teams, templates] = await Promise.all([listTeams(), templateChoices()]);
  // Developers create apps for their own teams; ops and admins for any.
  const allowed = teams.filter(
    (team) => user.role === "admin" || user.role === "ops" || user.teamIds.includes(team.id),
  );
  return (
    <>
      <PageHeader title={t("apps.create")} />
      {allowed.length === 0 ? (
        <EmptyState title={teams.length === 0 ? t("apps.noTeams") : t("apps.noTeam")} />
      ) : (
        <CreateAppForm
          action={createAppAction}
          teams={allowed.map(({ id, name }) => ({ id, name }))}
          templates={templates}
        />
      )}
    </>
  );
}
