"use client";
import { useRef } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type CreateTeam = (input: {
  name: string;
  displayName?: string;
}) => Promise<ActionResult<{ id: string; name: string }>>;

export function CreateTeamForm({ action }: { action: CreateTeam }) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const { run, pending, fields, error } = useAction(action, { fields: ["name", "displayName"] });
  return (
    <form
      ref={form}
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run({ name: String(f.get("name") ?? ""), displayName: String(f.get("displayName") ?? "") }, () =>
          form.current?.reset(),
        );
      }}
    >
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label={t("teams.name")} htmlFor="team-name" error={fields.name} hint={t("teams.nameHint")}>
        <Input id="team-name" name="name" invalid={Boolean(fields.name)} />
      </Field>
      <Field label={t("teams.displayName")} htmlFor="team-display" error={fields.displayName}>
        <Input id="team-display" name="displayName" invalid={Boolean(fields.displayName)} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("teams.create")}
      </Button>
    </form>
  );
}
