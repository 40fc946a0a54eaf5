"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { Role } from "@/lib/auth/permissions";
import { RoleOptions, TeamCheckboxes } from "./role-options";

type UpdateUser = (input: { id: string; name: string; role: Role; teamIds: string[] }) => Promise<ActionResult<void>>;

export function EditUserForm({
  action,
  user,
  teams,
}: {
  action: UpdateUser;
  user: { id: string; name: string; role: Role; teamIds: string[] };
  teams: { id: string; name: string }[];
}) {
  const { t } = useI18n();
  const { run, pending, fields, error, data } = useAction(action, { fields: ["name", "role", "teamIds"] });
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run({
          id: user.id,
          name: String(f.get("name") ?? ""),
          role: String(f.get("role") ?? "") as Role,
          teamIds: f.getAll("teamIds").map(String),
        });
      }}
    >
      {data !== null && !error ? <Notice tone="success">{t("common.saved")}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label={t("users.name")} htmlFor="edit-name" error={fields.name}>
        <Input id="edit-name" name="name" defaultValue={user.name} invalid={Boolean(fields.name)} />
      </Field>
      <Field label={t("users.role")} htmlFor="edit-role" error={fields.role}>
        <Select id="edit-role" name="role" defaultValue={user.role} invalid={Boolean(fields.role)}>
          <RoleOptions />
        </Select>
      </Field>
      <Field label={t("users.teams")} htmlFor="edit-teams" error={fields.teamIds}>
        <TeamCheckboxes teams={teams} selected={user.teamIds} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}
