"use client";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { MessageKey } from "@/lib/i18n/locales";

export type SettingsField = {
  name: string;
  label: MessageKey;
  kind?: "text" | "password" | "number" | "lines" | "checkbox";
  value?: string | number | boolean;
  // Shown under the field: for secrets, whether one is stored.
  hint?: string;
  placeholder?: string;
  generate?: boolean;
};

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// One section of Settings → Integrations → Alerting: its fields, saved together by one action.
// Secret fields start empty (empty keeps what is stored); a token can be generated here, and is
// shown until saved so it can be copied into Alertmanager's configuration.
export function SettingsSectionForm<I>({
  id,
  fields,
  save,
}: {
  id: string;
  fields: SettingsField[];
  // The section's action; the fields are named after its input (zod checks them there).
  save: (input: I) => Promise<ActionResult<void>>;
}) {
  const { t } = useI18n();
  const { run, pending, fields: errors, error } = useAction(save);
  const [saved, setSaved] = useState(false);
  const [generated, setGenerated] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const input: Record<string, string | boolean> = {};
        for (const field of fields)
          input[field.name] =
            field.kind === "checkbox" ? form.get(field.name) === "on" : String(form.get(field.name) ?? "");
        setSaved(false);
        run(input as I, () => setSaved(true));
      }}
    >
      {error ? <Notice tone="error">{error}</Notice> : null}
      {saved && !error ? <Notice tone="success">{t("integrations.saved")}</Notice> : null}
      {fields.map((field) => {
        const htmlId = `${id}-${field.name}`;
        if (field.kind === "checkbox")
          return (
            <label key={field.name} className="flex items-center gap-2 text-sm text-slate-700">
              <input id={htmlId} name={field.name} type="checkbox" defaultChecked={Boolean(field.value)} />
              {t(field.label)}
            </label>
          );
        return (
          <Field key={field.name} label={t(field.label)} htmlFor={htmlId} error={errors[field.name]} hint={field.hint}>
            <div className="flex gap-2">
              {field.kind === "lines" ? (
                <textarea
                  id={htmlId}
                  name={field.name}
                  rows={3}
                  defaultValue={String(field.value ?? "")}
                  placeholder={field.placeholder}
                  className="block w-full rounded-md px-2.5 py-1.5 font-mono text-sm ring-1 ring-inset ring-slate-300"
                />
              ) : (
                <Input
                  // A generated token replaces the field (shown in clear, to copy).
                  key={generated[field.name] ?? "typed"}
                  id={htmlId}
                  name={field.name}
                  type={
                    field.kind === "password" && !generated[field.name]
                      ? "password"
                      : field.kind === "number"
                        ? "number"
                        : "text"
                  }
                  autoComplete="off"
                  defaultValue={generated[field.name] ?? (field.kind === "password" ? "" : String(field.value ?? ""))}
                  placeholder={field.placeholder}
                  invalid={Boolean(errors[field.name])}
                />
              )}
              {field.generate ? (
                <Button variant="secondary" onClick={() => setGenerated({ ...generated, [field.name]: randomToken() })}>
                  {t("integrations.generate")}
                </Button>
              ) : null}
            </div>
          </Field>
        );
      })}
      <Button type="submit" disabled={pending}>
        {t("integrations.save")}
      </Button>
    </form>
  );
}
