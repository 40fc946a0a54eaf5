import type { Locale, MessageKey, Translate } from "@/lib/i18n/locales";
import { formatDateTime, formatOffset } from "@/lib/i18n/clock";
import type { MessageAlert, MessageContent } from "./message-content";

// A message in its reader's language and time zone, for each kind of channel. Texts come from
// lib/i18n/messages/alerts.ts; WeCom caps markdown at 4096 bytes (application messages at 2048),
// so long digests keep whole alerts and end with "…and N more".
export type Reader = { t: Translate; locale: Locale; timeZone: string };

export const ROBOT_MAX_BYTES = 4096;
export const APP_MAX_BYTES = 2048;
const SUMMARY_MAX_CHARS = 300;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

// The console's one format (lib/i18n/clock.ts) with the offset: a chat or mail client shows the
// text as it is, so the zone is named with it.
export function formatTime(reader: Reader, date: Date): string {
  return `${formatDateTime(date, reader)} (${formatOffset(date, reader)})`;
}

function clip(text: string, max = SUMMARY_MAX_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function messageTitle(content: MessageContent, reader: Reader): string {
  const [only] = content.alerts;
  if (content.alerts.length === 1 && only)
    return `${reader.t(`alerts.msg.${only.event}`)} ${only.alertname}${only.app ? ` · ${only.app.team}/${only.app.name}` : ""}`;
  return reader.t("alerts.msg.digestTitle", content.counts);
}

// "fired 3 min after deploy #42 1.4.2 by Li Lei"
export function releaseLine(alert: MessageAlert, reader: Reader): string | null {
  const link = alert.link;
  if (!link) return null;
  return reader.t("alerts.msg.afterRelease", {
    minutes: link.minutesAfter,
    kind: reader.t(`releases.kind.${link.release.kind}` as MessageKey).toLowerCase(),
    number: link.release.number,
    version: link.release.version,
    actor: link.release.actor,
  });
}

function where(alert: MessageAlert): string {
  return [alert.app ? `${alert.app.team}/${alert.app.name}` : null, alert.environment].filter(Boolean).join(" · ");
}

function markdownBlock(alert: MessageAlert, reader: Reader): string {
  const color = alert.event === "firing" ? "warning" : "info";
  const lines = [
    `**<font color="${color}">${reader.t(`alerts.msg.${alert.event}`)}</font> ${alert.alertname}** \`${alert.severity || "-"}\` ${where(alert)}`,
  ];
  if (alert.summary) lines.push(`> ${clip(alert.summary)}`);
  lines.push(
    `> ${reader.t("alerts.msg.started", { time: formatTime(reader, alert.startsAt) })}${
      alert.event === "resolved" && alert.endsAt
        ? ` · ${reader.t("alerts.msg.ended", { time: formatTime(reader, alert.endsAt) })}`
        : ""
    }`,
  );
  const release = releaseLine(alert, reader);
  if (release) {
    const rollback = alert.link?.rollbackTo
      ? ` · [${reader.t("alerts.msg.rollback", { number: alert.link.rollbackTo.number })}](${alert.url})`
      : "";
    lines.push(`> ${release}${rollback}`);
  }
  const links = [`[${reader.t("alerts.msg.open")}](${alert.url})`];
  if (/^https?:\/\//.test(alert.generatorUrl)) links.push(`[${reader.t("alerts.msg.source")}](${alert.generatorUrl})`);
  lines.push(links.join(" · "));
  return `${lines.join("\n")}\n\n`;
}

// Whole blocks while they fit in `limit` bytes with the tail; the rest counted in one line.
export function fitBlocks(head: string, blocks: string[], tail: string, limit: number, more: (n: number) => string) {
  let out = head;
  for (const [index, block] of blocks.entries()) {
    const left = blocks.length - index - 1;
    const reserve = left > 0 ? bytes(more(left)) : 0;
    if (bytes(out + block + tail) + reserve > limit) return out + more(blocks.length - index) + tail;
    out += block;
  }
  return out + tail;
}

function markdown(content: MessageContent, reader: Reader, limit: number, tail: string): string {
  const head = `### ${messageTitle(content, reader)}\n${content.alerts.length > 1 ? `> ${content.subscription.name}\n` : ""}\n`;
  return fitBlocks(
    head,
    content.alerts.map((alert) => markdownBlock(alert, reader)),
    tail,
    limit,
    (count) => `${reader.t("alerts.msg.more", { count })}\n`,
  );
}

// Group robot markdown; `mentions` are WeCom user ids (<@id> is the robot markdown mention).
export function robotMarkdown(content: MessageContent, reader: Reader, mentions: string[]): string {
  return markdown(content, reader, ROBOT_MAX_BYTES, mentions.map((id) => `<@${id}>`).join(" "));
}

export function appMarkdown(content: MessageContent, reader: Reader): string {
  return markdown(content, reader, APP_MAX_BYTES, "");
}

export function mailText(content: MessageContent, reader: Reader): { subject: string; text: string } {
  const blocks = content.alerts.map((alert) => {
    const lines = [
      `${reader.t(`alerts.msg.${alert.event}`)} ${alert.alertname} [${alert.severity || "-"}] ${where(alert)}`,
    ];
    if (alert.summary) lines.push(`  ${clip(alert.summary, 1000)}`);
    lines.push(`  ${reader.t("alerts.msg.started", { time: formatTime(reader, alert.startsAt) })}`);
    if (alert.event === "resolved" && alert.endsAt)
      lines.push(`  ${reader.t("alerts.msg.ended", { time: formatTime(reader, alert.endsAt) })}`);
    const release = releaseLine(alert, reader);
    if (release) lines.push(`  ${release}`);
    if (alert.link?.rollbackTo)
      lines.push(`  ${reader.t("alerts.msg.rollback", { number: alert.link.rollbackTo.number })}: ${alert.url}`);
    lines.push(`  ${reader.t("alerts.msg.open")}: ${alert.url}`);
    if (alert.generatorUrl) lines.push(`  ${reader.t("alerts.msg.source")}: ${alert.generatorUrl}`);
    return lines.join("\n");
  });
  return {
    subject: `[Slipway] ${messageTitle(content, reader)}`,
    text: `${content.subscription.name}\n${reader.t("alerts.msg.digestTitle", content.counts)}\n\n${blocks.join("\n\n")}\n`,
  };
}

// The JSON a webhook channel receives (README "Alert webhooks").
export function webhookBody(content: MessageContent, reader: Reader) {
  return {
    version: "1",
    id: content.id,
    kind: content.urgent ? "immediate" : "digest",
    subscription: content.subscription,
    window: { openedAt: content.openedAt.toISOString(), closedAt: content.closedAt.toISOString() },
    counts: content.counts,
    text: mailText(content, reader).text,
    alerts: content.alerts.map((alert) => ({
      id: alert.id,
      status: alert.event,
      alertname: alert.alertname,
      severity: alert.severity,
      app: alert.app,
      environment: alert.environment,
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.startsAt.toISOString(),
      endsAt: alert.endsAt?.toISOString() ?? null,
      generatorURL: alert.generatorUrl,
      url: alert.url,
      release: alert.link
        ? {
            id: alert.link.release.id,
            number: alert.link.release.number,
            kind: alert.link.release.kind,
            version: alert.link.release.version,
            actor: alert.link.release.actor,
            minutesBeforeAlert: alert.link.minutesAfter,
          }
        : null,
      rollback: alert.link?.rollbackTo ? { toNumber: alert.link.rollbackTo.number, url: alert.url } : null,
    })),
  };
}
