import { formatDateTime, formatDuration, type Clock } from "./clock";
import { isMessageKey, type MessageKey, type Translate } from "./locales";

// Text Slipway writes for people is stored as data, a message key with values, and rendered in
// the reader's language and time zone when shown. A value is data (a name, an image, a count:
// shown as it is), a message of its own (an enum value or a clause: rendered in the reader's
// language too), a point in time or a duration (rendered by the one clock).
export type MessageValue = string | number | StoredMessage | { at: string } | { ms: number };
export type StoredMessage = { key: string; values?: Record<string, MessageValue> };

/** Builds a stored message; the key must exist in the catalogues. */
export function message(key: MessageKey, values?: Record<string, MessageValue>): StoredMessage {
  return values ? { key, values } : { key };
}

/** Messages one under the other, as one message (an error with what it left behind, say). */
export function messageLines(items: [StoredMessage, ...StoredMessage[]]): StoredMessage {
  return items.reduce((first, second) => message("releaseText.lines", { first, second }));
}

export function isStoredMessage(value: unknown): value is StoredMessage {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { key?: unknown }).key === "string" &&
    ((value as { values?: unknown }).values === undefined ||
      (typeof (value as { values?: unknown }).values === "object" && (value as { values?: unknown }).values !== null))
  );
}

// A rendered message in pieces: the words of the reader's language, and the data put into them
// (shown untranslated, marked so by the component that draws it).
export type MessagePart = { text: string; data?: true };

export type RenderContext = { t: Translate; clock: Clock };

function valueParts(value: MessageValue | undefined, context: RenderContext): MessagePart[] {
  if (value === undefined) return [];
  if (typeof value === "string" || typeof value === "number") return [{ text: String(value), data: true }];
  if ("at" in value) return [{ text: formatDateTime(value.at, context.clock) }];
  if ("ms" in value) return [{ text: formatDuration(value.ms, context.t) }];
  return renderMessageParts(value, context);
}

export function renderMessageParts(stored: StoredMessage, context: RenderContext): MessagePart[] {
  // A key this version does not know (written by a newer Slipway, or removed): show the key and
  // its data rather than nothing.
  if (!isMessageKey(stored.key)) {
    const data = Object.values(stored.values ?? {}).flatMap((value) => valueParts(value, context));
    return [{ text: stored.key, data: true }, ...data.flatMap((part) => [{ text: " " }, part])];
  }
  // The template in the reader's language, split at its placeholders.
  const marker = "\u0000";
  const names: string[] = [];
  const template = context.t(
    stored.key,
    Object.fromEntries(
      Object.keys(stored.values ?? {}).map((name) => {
        names.push(name);
        return [name, `${marker}${names.length - 1}${marker}`];
      }),
    ),
  );
  const parts: MessagePart[] = [];
  template.split(marker).forEach((piece, index) => {
    if (index % 2 === 0) {
      if (piece) parts.push({ text: piece });
    } else {
      parts.push(...valueParts(stored.values?.[names[Number(piece)] ?? ""], context));
    }
  });
  return parts;
}

/** The message as one string, for titles, exports and other plain text. */
export function renderMessage(stored: StoredMessage, context: RenderContext): string {
  return renderMessageParts(stored, context)
    .map((part) => part.text)
    .join("");
}
