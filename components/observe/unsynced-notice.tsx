"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { EngineText } from "@/components/i18n/message-text";
import { Notice } from "@/components/ui/card";

// A watch cache that is not synced: said instead of its possibly stale objects, with the
// cluster's last answer when it gave one.
export function UnsyncedNotice({ error, testId }: { error: string | null; testId?: string }) {
  const { t } = useI18n();
  return (
    <Notice tone="error" {...(testId ? { testId } : {})}>
      <p>{t("caches.pageUnsynced")}</p>
      {error ? <EngineText text={error} /> : null}
    </Notice>
  );
}
