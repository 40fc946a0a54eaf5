"use client";
import { useRef } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { Role } from "@/lib/auth/permissions";
import { RoleOptions, TeamCheckboxes } from "./role-options";

type CreateUser = (input: {
  email: string;
  name: string;
  role: Role;
  password?: string;
  teamIds: string[];
}) => Promise<ActionResult<{ id: string; email: string; initialPassword: string }>>;

export function CreateUserForm({ action, teams }: { action: CreateUser; teams: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const { run, pending, fields, error, data } = useAction(action, {
    fields: ["email", "name", "role", "teamIds", "password"],
  });
  return (
    <form
      ref={form}
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run(
          {
            email: String(f.get("email") ?? ""),
            name: String(f.get("name") ?? ""),
            role: String(f.get("role") ?? "") as Role,
            password: String(f.get("password") ?? ""),
            teamIds: f.getAll("teamIds").map(String),
          },
          () => form.current?.reset(),
        );
      }}
    >
      {data ? (
        <Notice tone="success">
          {t("users.created", { email: data.email })}{" "}
          <code data-testid="initial-password" className="select-all rounded bg-white px-1 font-mono">
            {data.initialPassword}
          </code>
        </Notice>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label={t("users.email")} htmlFor="new-email" error={fields.email}>
        <Input id="new-email" name="email" type="email" invalid={Boolean(fields.email)} />
      </Field>
      <Field label={t("users.name")} htmlFor="new-name" error={fields.name}>
        <Input id="new-name" name="name" invalid={Boolean(fields.name)} />
      </Field>
      <Field label={t("users.role")} htmlFor="new-role" error={fields.role}>
        <Select id="new-role" name="role" defaultValue="developer" invalid={Boolean(fields.role)}>
          <RoleOptions />
        </Select>
      </Field>
      <Field label={t("users.teams")} htmlFor="new-teams" error={fields.teamIds}>
        <TeamCheckboxes teams={teams} />
      </Field>
      <Field label={t("users.password")} htmlFor="new-password" error={fields.password} hint={t("users.passwordHint")}>
        <Input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          invalid={Boolean(fields.password)}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("users.create")}
      </Button>
    </form>
  );
}
