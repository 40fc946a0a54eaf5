"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { CheckStatus, type CheckView } from "./check-status";
import { OneTimeSecret } from "./one-time-secret";

export type SavedIntegration = { id: string; check: CheckView | null; webhookSecret: string | null };

// What saving a registry or Jenkins server answered: saved, the connection test, the webhook
// secret (only when new), or why not.
export function SaveOutcome({
  data,
  error,
  secretHint,
}: {
  data: SavedIntegration | null;
  error: string | null;
  secretHint: string;
}) {
  const { t } = useI18n();
  return (
    <>
      {data ? <Notice tone="success">{t("environments.saved")}</Notice> : null}
      {data?.check ? <CheckStatus check={data.check} /> : null}
      {data?.webhookSecret ? <OneTimeSecret secret={data.webhookSecret} hint={secretHint} /> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </>
  );
}

// Saving tests the connection first, unless the admin says not to.
export function SaveButtons({ pending }: { pending: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="saveUnverified" />
        {t("integrations.saveUnverified")}
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? t("environments.testing") : t("common.save")}
      </Button>
    </>
  );
}
