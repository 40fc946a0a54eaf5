"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { EngineText } from "@/components/i18n/message-text";
import { DiffView } from "@/components/templates/diff-view";
import { Badge, Notice } from "@/components/ui/card";
import type { ObjectChange } from "@/lib/services/releases/preview-deploy";

const CHANGE_TONES = { create: "green", update: "amber", unchanged: "slate", delete: "red" } as const;

// What a deploy changes, object by object, each with its diff against the live object (Secret
// values masked): the deploy preview and the diff a request captured for its approver.
export function ObjectChanges({ changes }: { changes: ObjectChange[] }) {
  const { t } = useI18n();
  return (
    <ul className="space-y-2">
      {changes.map((change) => (
        <li key={`${change.kind}/${change.name}`}>
          <details open={change.change !== "unchanged" && change.diff.length < 80}>
            <summary className="cursor-pointer text-sm">
              <Badge tone={CHANGE_TONES[change.change]}>{t(`releases.change.${change.change}`)}</Badge>{" "}
              <span className="font-mono" translate="no">
                {change.kind}/{change.name}
              </span>
            </summary>
            {change.error ? (
              <Notice tone="error">
                <EngineText text={change.error} />
              </Notice>
            ) : null}
            {change.diff.length > 0 && change.change !== "unchanged" ? (
              <div className="mt-1">
                <DiffView lines={change.diff} testId={`diff-${change.kind}-${change.name}`} />
              </div>
            ) : null}
          </details>
        </li>
      ))}
    </ul>
  );
}
