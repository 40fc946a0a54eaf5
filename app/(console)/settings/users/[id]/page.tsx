import { BackLink } from "@/components/ui/link-button";
import { notFound } from "next/navigation";
import { EditUserForm } from "@/components/users/edit-user-form";
import { UserAccountActions } from "@/components/users/user-account-actions";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { listTeams } from "@/lib/services/teams/list-teams";
import { getUser } from "@/lib/services/users/list-users";
import { ZIdSchema } from "@/lib/validations/common";
import { resetPasswordAction, setUserDisabledAction, updateUserAction } from "../actions";

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requirePageUser("users.manage");
  const { id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const [user, teams] = await Promise.all([getUser(id), listTeams()]);
  if (!user) notFound();
  const { t } = await getI18n();
  return (
    <>
      <PageHeader
        title={<span translate="no">{`${user.name} · ${user.email}`}</span>}
        subtitle={user.id === admin.id ? t("users.you") : undefined}
        actions={<BackLink href="/settings/users" label={t("common.back")} />}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("users.edit")}>
          <EditUserForm
            action={updateUserAction}
            user={{ id: user.id, name: user.name, role: user.role, teamIds: user.teams.map((team) => team.id) }}
            teams={teams.map(({ id: teamId, name }) => ({ id: teamId, name }))}
          />
        </Card>
        <UserAccountActions
          user={{ id: user.id, email: user.email, disabled: user.disabled, isSelf: user.id === admin.id }}
          setDisabled={setUserDisabledAction}
          resetPassword={resetPasswordAction}
        />
      </div>
    </>
  );
}
