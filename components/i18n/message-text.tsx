"use client";
import { Fragment } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { readLegacyDescription, readLegacyText } from "@/lib/i18n/legacy-release-text";
import type { MessageKey } from "@/lib/i18n/locales";
import { isStoredMessage, renderMessageParts, type MessageValue, type StoredMessage } from "@/lib/i18n/stored-message";

// A stored message in the reader's language. The data inside it (names, images, what
// Kubernetes said) is marked translate="no": it is shown as it was written; `code` shows it as
// code (commands, paths, keys inside a sentence).
export function MessageText({ message, code = false }: { message: StoredMessage; code?: boolean }) {
  const { t, clock } = useI18n();
  return (
    <>
      {renderMessageParts(message, { t, clock }).map((part, index) =>
        part.data ? (
          code ? (
            <code key={index} translate="no" className="rounded bg-slate-100 px-1 text-[0.9em]">
              {part.text}
            </code>
          ) : (
            <span key={index} translate="no">
              {part.text}
            </span>
          )
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

// A catalogue message with data in it (names, images, versions): the words in the reader's
// language, the data marked as such.
export function Msg({
  k,
  values,
  code = false,
}: {
  k: MessageKey;
  values: Record<string, MessageValue>;
  code?: boolean;
}) {
  return <MessageText message={{ key: k, values }} code={code} />;
}

// Text the release engine wrote: its stored message when it has one, else the English it
// wrote then, read back into messages line by line where the line is known.
export function EngineText({
  message,
  text,
  description = false,
}: {
  message?: unknown;
  text: string | null;
  // A release description: only the engine's own descriptions are read back; a person's
  // words stay as they are.
  description?: boolean;
}) {
  if (isStoredMessage(message)) return <MessageText message={message} />;
  if (!text) return null;
  if (description) {
    const known = readLegacyDescription(text);
    // A person's own words: shown as written, in whatever language they wrote.
    return known ? <MessageText message={known} /> : <span translate="no">{text}</span>;
  }
  return (
    <>
      {readLegacyText(text).map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? "\n" : null}
          {typeof line === "string" ? <span lang="en">{line}</span> : <MessageText message={line} />}
        </Fragment>
      ))}
    </>
  );
}
