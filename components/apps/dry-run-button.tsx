"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { EngineText } from "@/components/i18n/message-text";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type DryRun =
  | {
      ok: true;
      namespaceExists: boolean;
      results: { kind: string; name: string; ok: boolean; error?: string; field?: string }[];
    }
  | { ok: false; error: string };

export function DryRunButton({
  appId,
  environmentId,
  action,
}: {
  appId: string;
  environmentId: string;
  action: (input: { appId: string; environmentId: string }) => Promise<ActionResult<DryRun>>;
}) {
  const { t } = useI18n();
  const { run, pending, data, error } = useAction(action);
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={pending} onClick={() => run({ appId, environmentId })}>
        {pending ? t("apps.dryRunning") : t("apps.dryRun")}
      </Button>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {data && !data.ok ? (
        <Notice tone="error">
          <EngineText text={data.error} />
        </Notice>
      ) : null}
      {data?.ok ? (
        <ul data-testid="dry-run-results" className="space-y-1 text-sm">
          {!data.namespaceExists ? <li className="text-amber-700">{t("apps.namespaceMissing")}</li> : null}
          {data.results.map((r) => (
            <li key={`${r.kind}/${r.name}`} className={r.ok ? "text-green-700" : "text-red-700"}>
              <span translate="no">
                {r.kind}/{r.name}
              </span>
              {": "}
              {r.ok ? (
                t("apps.dryRunOk")
              ) : (
                <>
                  {r.field ? <span translate="no">{r.field}: </span> : null}
                  <EngineText text={r.error ?? ""} />
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
