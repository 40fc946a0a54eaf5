"use client";
import type { ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { MessageText } from "@/components/i18n/message-text";
import { Badge } from "@/components/ui/card";
import { isMessageKey } from "@/lib/i18n/locales";
import type { MessageValue } from "@/lib/i18n/stored-message";

type ShownMessage = { key: string; values?: Record<string, MessageValue>; message?: string };

export type CheckView = {
  ok: boolean;
  version: string | null;
  error: ShownMessage | null;
};

// A stored message (key and values) in the reader's language, its data marked as such; a key
// this version does not know shows the English it came with.
function say(message: ShownMessage): ReactNode {
  return isMessageKey(message.key) || !message.message ? <MessageText message={message} /> : message.message;
}

export function useStoredMessage() {
  return say;
}

// The last connection test: badge, version, and why it failed.
export function CheckStatus({ check }: { check: CheckView | null }) {
  const { t } = useI18n();
  const say = useStoredMessage();
  if (!check) return <Badge>{t("environments.notChecked")}</Badge>;
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="integration-check">
      {check.ok ? (
        <Badge tone="green">{t("environments.connected")}</Badge>
      ) : (
        <Badge tone="red">{t("environments.failed")}</Badge>
      )}
      {check.version ? (
        <span className="text-xs text-slate-500" translate="no">
          {check.version}
        </span>
      ) : null}
      {check.error ? <span className="text-sm text-red-700">{say(check.error)}</span> : null}
    </span>
  );
}
