import { Time } from "@/components/i18n/time";
import Link from "next/link";
import { CreateUserForm } from "@/components/users/create-user-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { listTeams } from "@/lib/services/teams/list-teams";
import { listUsers } from "@/lib/services/users/list-users";
import { createUserAction } from "./actions";

export default async function UsersPage() {
  await requirePageUser("users.manage");
  const { t } = await getI18n();
  const [users, teams] = await Promise.all([listUsers(), listTeams()]);
  return (
    <>
      <PageHeader title={t("users.title")} subtitle={t("settings.usersHint")} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_320px]">
        <Table
          head={[
            t("users.name"),
            t("users.email"),
            t("users.role"),
            t("users.teams"),
            t("users.status"),
            t("users.lastLogin"),
          ]}
        >
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`}>
              <Td data>
                <Link href={`/settings/users/${u.id}`} className="font-medium text-indigo-700 hover:underline">
                  {u.name}
                </Link>
              </Td>
              <Td data>{u.email}</Td>
              <Td className="whitespace-nowrap">{t(`role.${u.role}`)}</Td>
              <Td data>{u.teams.map((team) => team.name).join(", ") || "—"}</Td>
              <Td>
                {u.disabled ? (
                  <Badge tone="red">{t("users.disabled")}</Badge>
                ) : (
                  <Badge tone="green">{t("users.active")}</Badge>
                )}
              </Td>
              <Td className="whitespace-nowrap text-slate-500">
                {u.lastLoginAt ? <Time value={u.lastLoginAt} /> : t("users.never")}
              </Td>
            </tr>
          ))}
        </Table>
        <Card title={t("users.create")}>
          <CreateUserForm action={createUserAction} teams={teams.map(({ id, name }) => ({ id, name }))} />
        </Card>
      </div>
    </>
  );
}
