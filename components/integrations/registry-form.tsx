"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field, Input, SecretField, Select, TextField } from "@/components/ui/field";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { SaveButtons, SaveOutcome, type SavedIntegration } from "./save-parts";

export type RegistryFormValues = {
  id?: string;
  name: string;
  kind: "harbor" | "oci";
  url: string;
  tokenUrl: string;
  username: string;
  hasSecret: boolean;
};

type SaveRegistry = (input: {
  id?: string;
  name: string;
  kind: "harbor" | "oci";
  url: string;
  tokenUrl?: string;
  username?: string;
  secret?: string;
  saveUnverified: boolean;
}) => Promise<ActionResult<SavedIntegration>>;

// Add or edit a registry: Harbor (API v2.0, webhooks) or any OCI registry. The secret field is
// write-only: empty keeps the stored one.
export function RegistryForm({ action, initial }: { action: SaveRegistry; initial: RegistryFormValues }) {
  const { t } = useI18n();
  const router = useRouter();
  const [kind, setKind] = useState(initial.kind);
  const { run, pending, fields, error, data } = useAction(action, { fields: INLINE });
  const prefix = initial.id ? `registry-${initial.id.slice(0, 8)}` : "new-registry";
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
            kind,
            url: text("url"),
            tokenUrl: text("tokenUrl"),
            username: text("username"),
            secret: text("secret"),
            saveUnverified: f.get("saveUnverified") === "on",
          },
          () => router.refresh(),
        );
      }}
    >
      <SaveOutcome data={data} error={error} secretHint={t("integrations.harborSecretHint")} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr]">
        <TextField
          idPrefix={prefix}
          name="name"
          label={t("integrations.name")}
          error={fields.name}
          defaultValue={initial.name}
        />
        <Field label={t("integrations.kind")} htmlFor={`${prefix}-kind`}>
          <Select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="harbor">Harbor</option>
            <option value="oci">{t("integrations.kind.oci")}</option>
          </Select>
        </Field>
      </div>
      <TextField
        idPrefix={prefix}
        name="url"
        label={t("integrations.url")}
        error={fields.url}
        hint={t("integrations.urlHint")}
        defaultValue={initial.url}
        placeholder="https://harbor.example.com"
      />
      {kind === "oci" ? (
        <Field
          label={t("integrations.tokenUrl")}
          htmlFor={`${prefix}-token-url`}
          error={fields.tokenUrl}
          hint={t("integrations.tokenUrlHint")}
        >
          <Input id={`${prefix}-token-url`} name="tokenUrl" defaultValue={initial.tokenUrl} />
        </Field>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          idPrefix={prefix}
          name="username"
          label={t("integrations.username")}
          error={fields.username}
          defaultValue={initial.username}
          placeholder="robot$project+slipway"
          translate="no"
          autoComplete="off"
        />
        <SecretField
          idPrefix={prefix}
          name="secret"
          label={t("integrations.secret")}
          error={fields.secret}
          stored={initial.hasSecret}
          storedHint={t("integrations.secretStored")}
        />
      </div>
      <SaveButtons pending={pending} />
    </form>
  );
}
