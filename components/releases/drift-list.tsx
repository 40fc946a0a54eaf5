"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Msg, MessageText } from "@/components/i18n/message-text";
import type { Drift } from "@/lib/services/releases/detect-drift";

// How the cluster differs from the release that should run, each difference with the field
// managers that made it: on the app page ("Running now") and in a deploy's preview, which
// overwrites them.
export function DriftList({ drift, preview = false }: { drift: Drift; preview?: boolean }) {
  const { t } = useI18n();
  return (
    <div
      role="status"
      data-testid={preview ? "preview-drift" : "drift"}
      className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
    >
      <p className="font-medium">
        <Msg k={preview ? "drift.previewTitle" : "drift.title"} values={{ number: drift.number }} />
      </p>
      {preview ? null : <p className="text-xs">{t("drift.hint")}</p>}
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {drift.items.map((item, index) => (
          <li key={index} data-testid="drift-item">
            <MessageText message={item.message} />
            {item.managers.length > 0 ? (
              <span className="text-amber-700">
                {" · "}
                <Msg k="drift.by" values={{ managers: item.managers.join(", ") }} />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
