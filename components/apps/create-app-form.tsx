"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type Create = (input: {
  name: string;
  teamId: string;
  templateVersionId: string;
  imageRepository: string;
}) => Promise<ActionResult<{ id: string }>>;

export function CreateAppForm({
  action,
  teams,
  templates,
}: {
  action: Create;
  teams: { id: string; name: string }[];
  templates: { id: string; label: string }[];
}) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending, fields, error } = useAction(action, {
    fields: ["name", "teamId", "templateVersionId", "imageRepository"],
  });
  return (
    <form
      noValidate
      className="max-w-xl space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run(
          {
            name: String(f.get("name") ?? ""),
            teamId: String(f.get("teamId") ?? ""),
            templateVersionId: String(f.get("templateVersionId") ?? ""),
            imageRepository: String(f.get("imageRepository") ?? ""),
          },
          (created) => router.push(`/apps/${created.id}`),
        );
      }}
    >
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label={t("apps.name")} htmlFor="app-name" error={fields.name} hint={t("teams.nameHint")}>
        <Input id="app-name" name="name" invalid={Boolean(fields.name)} />
      </Field>
      <Field label={t("apps.team")} htmlFor="app-team" error={fields.teamId}>
        <Select id="app-team" name="teamId">
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("apps.template")} htmlFor="app-template" error={fields.templateVersionId}>
        <Select id="app-template" name="templateVersionId">
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t("apps.imageRepository")}
        htmlFor="app-image"
        error={fields.imageRepository}
        hint={t("apps.imageRepositoryHint")}
      >
        <Input
          id="app-image"
          name="imageRepository"
          placeholder="harbor.example.com/team/hello-app"
          className="font-mono"
          invalid={Boolean(fields.imageRepository)}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("apps.create")}
      </Button>
    </form>
  );
}
