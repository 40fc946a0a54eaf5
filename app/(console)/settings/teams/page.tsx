import { CreateTeamForm } from "@/components/teams/create-team-form";
import { TeamMembers } from "@/components/teams/team-members";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { listTeams } from "@/lib/services/teams/list-teams";
import { listUsers } from "@/lib/services/users/list-users";
import { addTeamMemberAction, createTeamAction, removeTeamMemberAction } from "./actions";

export default async function TeamsPage() {
  await requirePageUser("teams.manage");
  const { t } = await getI18n();
  const [teams, users] = await Promise.all([listTeams(), listUsers()]);
  const candidates = users.filter((u) => !u.disabled).map(({ id, email, name }) => ({ id, email, name }));
  return (
    <>
      <PageHeader title={t("teams.title")} subtitle={t("settings.teamsHint")} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_320px]">
        <div className="space-y-4">
          {teams.length === 0 ? <EmptyState title={t("teams.noMembers")} /> : null}
          {teams.map((team) => (
            <Card
              key={team.id}
              title={<span translate="no">{`${team.displayName} (${team.name})`}</span>}
              description={t("teams.memberCount", { count: team.members.length })}
            >
              <TeamMembers
                team={team}
                candidates={candidates}
                add={addTeamMemberAction}
                remove={removeTeamMemberAction}
              />
            </Card>
          ))}
        </div>
        <Card title={t("teams.create")}>
          <CreateTeamForm action={createTeamAction} />
        </Card>
      </div>
    </>
  );
}
