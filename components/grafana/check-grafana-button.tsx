"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { GrafanaCheck } from "@/lib/grafana/problems";

type CheckGrafana = (input: { environmentId: string }) => Promise<ActionResult<GrafanaCheck | null>>;

export function CheckGrafanaButton({ environmentId, action }: { environmentId: string; action: CheckGrafana }) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending, error } = useAction(action);
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={pending} onClick={() => run({ environmentId }, () => router.refresh())}>
        {pending ? t("grafana.check.checking") : t("grafana.check.button")}
      </Button>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </div>
  );
}
