"use client";
import { signOut } from "next-auth/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

const FIELDS = [
  { name: "current", id: "current-password", label: "account.current", autoComplete: "current-password" },
  { name: "next", id: "new-password", label: "account.next", autoComplete: "new-password" },
  { name: "confirm", id: "confirm-password", label: "account.confirm", autoComplete: "new-password" },
] as const;

type ChangePassword = (input: { current: string; next: string; confirm: string }) => Promise<ActionResult<void>>;

// After the change every session of the user has ended, this one too: sign out and ask for the
// new password on the sign-in page.
export function ChangePasswordForm({ action }: { action: ChangePassword }) {
  const { t } = useI18n();
  const { run, pending, fields, error } = useAction(action, { fields: FIELDS.map((field) => field.name) });
  return (
    <form
      noValidate
      className="max-w-sm space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run(
          {
            current: String(f.get("current") ?? ""),
            next: String(f.get("next") ?? ""),
            confirm: String(f.get("confirm") ?? ""),
          },
          () => void signOut({ callbackUrl: "/login?notice=password-changed" }),
        );
      }}
    >
      {error ? <Notice tone="error">{error}</Notice> : null}
      {FIELDS.map(({ name, id, label, autoComplete }) => (
        <Field key={name} label={t(label)} htmlFor={id} error={fields[name]}>
          <Input id={id} name={name} type="password" autoComplete={autoComplete} invalid={Boolean(fields[name])} />
        </Field>
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? t("account.submitting") : t("account.submit")}
      </Button>
    </form>
  );
}
