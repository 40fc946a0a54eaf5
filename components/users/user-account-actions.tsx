"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Badge, Card, Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type SetDisabled = (input: { id: string; disabled: boolean }) => Promise<ActionResult<void>>;
type ResetPassword = (input: { id: string }) => Promise<ActionResult<{ email: string; password: string }>>;

export function UserAccountActions({
  user,
  setDisabled,
  resetPassword,
}: {
  user: { id: string; email: string; disabled: boolean; isSelf: boolean };
  setDisabled: SetDisabled;
  resetPassword: ResetPassword;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const disable = useAction(setDisabled);
  const reset = useAction(resetPassword);
  return (
    <Card title={t("users.status")} description={t("users.disableHint")}>
      <div className="space-y-4">
        <p>
          {user.disabled ? (
            <Badge tone="red">{t("users.disabled")}</Badge>
          ) : (
            <Badge tone="green">{t("users.active")}</Badge>
          )}
        </p>
        {disable.error ? <Notice tone="error">{disable.error}</Notice> : null}
        {!user.isSelf ? (
          <Button
            variant={user.disabled ? "secondary" : "danger"}
            disabled={disable.pending}
            onClick={() => disable.run({ id: user.id, disabled: !user.disabled }, () => router.refresh())}
          >
            {user.disabled ? t("users.enable") : t("users.disable")}
          </Button>
        ) : null}
        <div className="border-t border-slate-100 pt-4">
          {reset.data ? (
            <Notice tone="success">
              {t("users.passwordReset", { email: reset.data.email })}{" "}
              <code data-testid="reset-password" className="select-all rounded bg-white px-1 font-mono">
                {reset.data.password}
              </code>
            </Notice>
          ) : null}
          {reset.error ? <Notice tone="error">{reset.error}</Notice> : null}
          <Button
            variant="secondary"
            className="mt-2"
            disabled={reset.pending}
            onClick={() => reset.run({ id: user.id })}
          >
            {t("users.resetPassword")}
          </Button>
        </div>
      </div>
    </Card>
  );
}
