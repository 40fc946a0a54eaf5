"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { MUTE_HOURS } from "@/lib/validations/choices";
import type { DeployResult } from "@/lib/services/releases/deploy-release";

type Mute = (input: { alertId: string; hours: number }) => Promise<ActionResult<{ until: string }>>;
type Rollback = (input: { alertId: string }) => Promise<ActionResult<DeployResult>>;

// Mute for 1 h / 4 h / 24 h (a silence in Alertmanager).
export function MuteButtons({ alertId, mute }: { alertId: string; mute: Mute }) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending, error } = useAction(mute);
  return (
    <div className="space-y-2">
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="flex flex-wrap gap-2">
        {MUTE_HOURS.map((hours) => (
          <Button
            key={hours}
            variant="secondary"
            disabled={pending}
            onClick={() => run({ alertId, hours }, () => router.refresh())}
          >
            {pending ? t("alerts.muting") : t("alerts.muteFor", { hours })}
          </Button>
        ))}
      </div>
    </div>
  );
}

// "Roll back to #N" in one click, or the request for approval on a protected environment; a
// started rollback opens its release page.
export function RollbackButton({
  alertId,
  number,
  mode,
  rollback,
}: {
  alertId: string;
  number: number;
  mode: "direct" | "request";
  rollback: Rollback;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending, error, data } = useAction(rollback);
  return (
    <div className="space-y-2">
      {error ? <Notice tone="error">{error}</Notice> : null}
      {data?.kind === "request" ? <Notice tone="success">{t("alerts.rollbackRequested")}</Notice> : null}
      <Button
        variant="danger"
        disabled={pending || data?.kind === "request"}
        onClick={() =>
          run({ alertId }, (result) => {
            if (result.kind === "release") router.push(`/releases/${result.releaseId}`);
          })
        }
      >
        {pending
          ? t("alerts.rollingBack")
          : mode === "direct"
            ? t("alerts.rollbackTo", { number })
            : t("alerts.requestRollback", { number })}
      </Button>
    </div>
  );
}
