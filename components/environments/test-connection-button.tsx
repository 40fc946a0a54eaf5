"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ConnectionCheck } from "@/lib/kube/check-connection";
import { ConnectionBadge, ConnectionDetails } from "./connection-status";

type TestConnection = (input: { id: string }) => Promise<ActionResult<ConnectionCheck>>;

export function TestConnectionButton({ id, action }: { id: string; action: TestConnection }) {
  const { t } = useI18n();
  const { run, pending, data, error } = useAction(action);
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={pending} onClick={() => run({ id })}>
        {pending ? t("environments.testing") : t("environments.test")}
      </Button>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {data ? (
        <div className="space-y-1" data-testid="connection-result">
          <ConnectionBadge check={data} />
          <ConnectionDetails check={data} />
        </div>
      ) : null}
    </div>
  );
}
