"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type Settle = (input: { name: string; id: string }) => Promise<ActionResult<void>>;

// Retry or discard one failed job; the page reads the queue again afterwards.
export function FailedJobActions({
  job,
  retry,
  discard,
}: {
  job: { name: string; id: string };
  retry: Settle;
  discard: Settle;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const retrying = useAction(retry);
  const discarding = useAction(discard);
  const pending = retrying.pending || discarding.pending;
  const error = retrying.error ?? discarding.error;
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex gap-2">
        <Button variant="secondary" disabled={pending} onClick={() => retrying.run(job, () => router.refresh())}>
          {t("jobs.retry")}
        </Button>
        <Button
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (window.confirm(t("jobs.discardConfirm"))) discarding.run(job, () => router.refresh());
          }}
        >
          {t("jobs.discard")}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
