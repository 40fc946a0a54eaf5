"use client";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { DiffView } from "@/components/templates/diff-view";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { DiffLine } from "@/lib/diff/line-diff";

type Preview = { environment: string; diff: DiffLine[] | null; errors: string[] }[];
type Input = { appId: string; templateVersionId: string };

// Upgrading an app's template version: first the difference in rendered output per
// environment, then the save.
export function UpgradePanel({
  appId,
  versions,
  preview,
  upgrade,
}: {
  appId: string;
  versions: { id: string; version: number; changelog: string }[];
  preview: (input: Input) => Promise<ActionResult<Preview>>;
  upgrade: (input: Input) => Promise<ActionResult<void>>;
}) {
  const { t } = useI18n();
  const [target, setTarget] = useState(versions[0]?.id ?? "");
  const previewing = useAction(preview);
  const upgrading = useAction(upgrade);
  return (
    <div className="space-y-3">
      <div className="flex gap-2">
        <Select
          aria-label={t("apps.upgradeTo")}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          className="max-w-xs"
        >
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              v{v.version} {v.changelog}
            </option>
          ))}
        </Select>
        <Button
          variant="secondary"
          disabled={previewing.pending}
          onClick={() => previewing.run({ appId, templateVersionId: target })}
        >
          {t("apps.showChanges")}
        </Button>
      </div>
      {previewing.error ? <Notice tone="error">{previewing.error}</Notice> : null}
      {previewing.data?.map((env) => (
        <div key={env.environment} className="space-y-1">
          <h3 className="text-sm font-semibold">{env.environment}</h3>
          {env.errors.length > 0 ? <Notice tone="error">{env.errors.join("\n")}</Notice> : null}
          {env.diff ? <DiffView lines={env.diff} testId={`upgrade-diff-${env.environment}`} /> : null}
        </div>
      ))}
      {previewing.data ? (
        <Button disabled={upgrading.pending} onClick={() => upgrading.run({ appId, templateVersionId: target })}>
          {t("apps.upgrade")}
        </Button>
      ) : null}
      {upgrading.error ? <Notice tone="error">{upgrading.error}</Notice> : null}
    </div>
  );
}
