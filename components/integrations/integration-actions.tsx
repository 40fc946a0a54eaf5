"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { CheckStatus, type CheckView } from "./check-status";
import { OneTimeSecret } from "./one-time-secret";

type Ref = { kind: "registry" | "jenkins"; id: string };

// "Test connection" and "New webhook secret" for one registry or Jenkins server.
export function IntegrationActions({
  target,
  test,
  rotate,
  secretHint,
}: {
  target: Ref;
  test: (input: Ref) => Promise<ActionResult<CheckView>>;
  rotate?: (input: Ref) => Promise<ActionResult<{ webhookSecret: string }>>;
  secretHint: string;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const testing = useAction(test);
  const rotating = useAction(rotate ?? (async () => ({ ok: false, error: { code: "forbidden", message: "" } })));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={testing.pending}
          onClick={() => testing.run(target, () => router.refresh())}
        >
          {testing.pending ? t("environments.testing") : t("environments.test")}
        </Button>
        {rotate ? (
          <Button variant="secondary" disabled={rotating.pending} onClick={() => rotating.run(target)}>
            {t("integrations.rotateSecret")}
          </Button>
        ) : null}
      </div>
      {testing.data ? <CheckStatus check={testing.data} /> : null}
      {testing.error ? <Notice tone="error">{testing.error}</Notice> : null}
      {rotating.data ? <OneTimeSecret secret={rotating.data.webhookSecret} hint={secretHint} /> : null}
      {rotating.error ? <Notice tone="error">{rotating.error}</Notice> : null}
    </div>
  );
}
