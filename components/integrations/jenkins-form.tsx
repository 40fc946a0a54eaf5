"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { SecretField, TextField } from "@/components/ui/field";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { SaveButtons, SaveOutcome, type SavedIntegration } from "./save-parts";

export type JenkinsFormValues = { id?: string; name: string; url: string; username: string; hasToken: boolean };

type SaveJenkins = (input: {
  id?: string;
  name: string;
  url: string;
  username: string;
  token?: string;
  saveUnverified: boolean;
}) => Promise<ActionResult<SavedIntegration>>;

// Add or edit a Jenkins server: URL, user and API token (write-only: empty keeps the stored one).
export function JenkinsForm({ action, initial }: { action: SaveJenkins; initial: JenkinsFormValues }) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending, fields, error, data } = useAction(action, { fields: INLINE });
  const prefix = initial.id ? `jenkins-${initial.id.slice(0, 8)}` : "new-jenkins";
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        const text = (name: string) => String(f.get(name) ?? "");
        run(
          {
            id: initial.id,
            name: text("name"),
            url: text("url"),
            username: text("username"),
            token: text("token"),
            saveUnverified: f.get("saveUnverified") === "on",
          },
          () => router.refresh(),
        );
      }}
    >
      <SaveOutcome data={data} error={error} secretHint={t("integrations.jenkinsSecretHint")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          idPrefix={prefix}
          name="name"
          label={t("integrations.name")}
          error={fields.name}
          defaultValue={initial.name}
        />
        <TextField
          idPrefix={prefix}
          name="url"
          label={t("integrations.url")}
          error={fields.url}
          defaultValue={initial.url}
          placeholder="https://jenkins.example.com"
        />
        <TextField
          idPrefix={prefix}
          name="username"
          label={t("integrations.username")}
          error={fields.username}
          defaultValue={initial.username}
          autoComplete="off"
        />
        <SecretField
          idPrefix={prefix}
          name="token"
          label={t("integrations.apiToken")}
          error={fields.token}
          stored={initial.hasToken}
          storedHint={t("integrations.secretStored")}
        />
      </div>
      <SaveButtons pending={pending} />
    </form>
  );
}
