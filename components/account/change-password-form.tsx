"use client";
import { signOut } from "next-auth/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type ChangePassword = (input: { current: string; next: string; confirm: string }) => Promise<ActionResult<void>>;

// After the change every session of the user has ended, this one too: sign out and ask for the
// new password on the sign-in page.
export function ChangePasswordForm({ action }: { action: ChangePassword }) {
  const { t } = useI18n();
  const { run, pending, fields, error } = useAction(action);
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
      <Field label={t("account.current")} htmlFor="current-password" error={fields.current}>
        <Input
          id="current-password"
          name="current"
          type="password"
          autoComplete="current-password"
          invalid={Boolean(fields.current)}
        />
      </Field>
      <Field label={t("account.next")} htmlFor="new-password" error={fields.next}>
        <Input
          id="new-password"
          name="next"
          type="password"
          autoComplete="new-password"
          invalid={Boolean(fields.next)}
        />
      </Field>
      <Field label={t("account.confirm")} htmlFor="confirm-password" error={fields.confirm}>
        <Input
          id="confirm-password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          invalid={Boolean(fields.confirm)}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t("account.submitting") : t("account.submit")}
      </Button>
    </form>
  );
}
