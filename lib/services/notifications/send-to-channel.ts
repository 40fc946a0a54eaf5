import "server-only";
import type { ChannelConfig } from "@/lib/alerts/channel-config";
import { channelSecretPlace, isAllowedUrl } from "@/lib/alerts/channel-config";
import { appMarkdown, mailText, robotMarkdown, webhookBody, type Reader } from "@/lib/alerts/render-message";
import { openSecret } from "@/lib/crypto/keys";
import { db } from "@/lib/db";
import type { AlertingSettings } from "@/lib/generated/prisma/client";
import { isLocale, translator, type Locale } from "@/lib/i18n/locales";
import { transportError } from "@/lib/integrations/outbound-http";
import { postSignedWebhook } from "@/lib/integrations/signed-webhook";
import { sendMail } from "@/lib/integrations/smtp-mail";
import { sendAppMarkdown, WECOM_TOKEN_ERRORS } from "@/lib/integrations/wecom-app";
import {
  sendRobotMarkdown,
  WECOM_BAD_KEYS,
  WECOM_RATE_LIMITED,
  WECOM_RETRYABLE,
  type WecomAnswer,
} from "@/lib/integrations/wecom-robot";
import { SMTP_PASSWORD_PLACE, WECOM_SECRET_PLACE } from "@/lib/services/alerting/save-alerting-settings";
import type { LoadedMessage, Person } from "./load-message";
import { wecomAccessToken } from "./wecom-access-token";

export type Answer = { key: string; values: Record<string, string | number> };
// sent; retry (try again with backoff); later (after retryAfterSeconds); failed (this message is
// lost, the channel counts a failure); disable (the channel cannot work until its owner fixes it).
export type SendResult = {
  outcome: "sent" | "retry" | "later" | "failed" | "disable";
  answer: Answer;
  retryAfterSeconds?: number;
};

// WeCom asks callers it limited to come back after a while; its peers wait at least 30 s.
const RATE_LIMITED_BACKOFF_SECONDS = 60;

// Texts in the reader's language and time zone (their profile's, else the alerting settings').
function reader(locale: Locale, timeZone: string | null, settings: AlertingSettings): Reader {
  return { t: translator(locale), locale, timeZone: timeZone ?? settings.timeZone };
}

// People who read the same text: one language and one time zone.
function byReader(people: Person[]): Map<string, Person[]> {
  const groups = new Map<string, Person[]>();
  for (const person of people) {
    const key = `${person.locale} ${person.timeZone ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), person]);
  }
  return groups;
}

function wecomResult(answer: WecomAnswer, extra: Record<string, string | number> = {}): SendResult {
  const values = { status: answer.status, errcode: answer.errcode ?? "-", errmsg: answer.errmsg, ...extra };
  if (answer.status === 200 && answer.errcode === 0)
    return { outcome: "sent", answer: { key: "alerts.answer.wecom", values } };
  if (answer.errcode === WECOM_RATE_LIMITED)
    return {
      outcome: "later",
      retryAfterSeconds: RATE_LIMITED_BACKOFF_SECONDS,
      answer: { key: "alerts.answer.wecom", values },
    };
  if (answer.errcode !== null && WECOM_BAD_KEYS.includes(answer.errcode))
    return { outcome: "disable", answer: { key: "alerts.answer.wecomBadKey", values } };
  const retryable = answer.status >= 500 || (answer.errcode !== null && WECOM_RETRYABLE.includes(answer.errcode));
  return { outcome: retryable ? "retry" : "failed", answer: { key: "alerts.answer.wecom", values } };
}

async function robot(message: LoadedMessage, settings: AlertingSettings): Promise<SendResult> {
  const { channel, content, subscription } = message;
  const config = channel.config as ChannelConfig;
  const key = openSecret(channel.secretEncrypted ?? "", channelSecretPlace(channel.id));
  const mentioned = config.mentionUserIds?.length
    ? await db.user.findMany({ where: { id: { in: config.mentionUserIds }, wecomUserId: { not: null } } })
    : [];
  const text = robotMarkdown(
    content,
    reader(subscription.locale, subscription.timeZone, settings),
    mentioned.map((user) => user.wecomUserId!),
  );
  return wecomResult(await sendRobotMarkdown(settings.wecomApiBase, key, text));
}

async function wecomApp(message: LoadedMessage, settings: AlertingSettings): Promise<SendResult> {
  if (!settings.wecomCorpId || !settings.wecomAgentId || !settings.wecomSecretEncrypted)
    return { outcome: "failed", answer: { key: "alerts.answer.notConfigured", values: { what: "WeCom" } } };
  const app = {
    apiBase: settings.wecomApiBase,
    corpId: settings.wecomCorpId,
    agentId: settings.wecomAgentId,
    secret: openSecret(settings.wecomSecretEncrypted, WECOM_SECRET_PLACE),
  };
  const bound = message.people.filter((p) => p.wecomUserId);
  const unbound = message.people.filter((p) => !p.wecomUserId).map((p) => p.email);
  if (bound.length === 0)
    return { outcome: "failed", answer: { key: "alerts.answer.noneBound", values: { people: unbound.join(", ") } } };
  let last: SendResult = { outcome: "sent", answer: { key: "alerts.answer.wecom", values: {} } };
  for (const group of byReader(bound).values()) {
    const content = appMarkdown(message.content, reader(group[0]!.locale, group[0]!.timeZone, settings));
    const userIds = group.map((p) => p.wecomUserId!);
    let token = await wecomAccessToken(app);
    if (!("token" in token)) return wecomResult(token);
    let answer = await sendAppMarkdown(app.apiBase, token.token, { agentId: app.agentId, userIds, content });
    if (answer.errcode !== null && WECOM_TOKEN_ERRORS.includes(answer.errcode)) {
      token = await wecomAccessToken(app, { renew: true, rejected: token.token });
      if (!("token" in token)) return wecomResult(token);
      answer = await sendAppMarkdown(app.apiBase, token.token, { agentId: app.agentId, userIds, content });
    }
    last = wecomResult(answer, {
      invalid: answer.invalidUsers.join(", ") || "-",
      unbound: unbound.join(", ") || "-",
    });
    if (last.outcome !== "sent") return last;
  }
  return { ...last, answer: { ...last.answer, key: "alerts.answer.wecomApp" } };
}

async function webhook(message: LoadedMessage, settings: AlertingSettings): Promise<SendResult> {
  const { channel, content, subscription } = message;
  const url = (channel.config as ChannelConfig).url ?? "";
  if (!isAllowedUrl(url, settings.webhookAllowList))
    return { outcome: "disable", answer: { key: "alerts.answer.notAllowed", values: { url } } };
  const secret = openSecret(channel.secretEncrypted ?? "", channelSecretPlace(channel.id));
  const body = JSON.stringify(webhookBody(content, reader(subscription.locale, subscription.timeZone, settings)));
  const { status } = await postSignedWebhook(url, secret, content.id, body);
  const answer = { key: "alerts.answer.http", values: { status } };
  if (status >= 200 && status < 300) return { outcome: "sent", answer };
  return { outcome: status >= 500 || status === 429 ? "retry" : "failed", answer };
}

async function email(message: LoadedMessage, settings: AlertingSettings): Promise<SendResult> {
  if (!settings.smtpHost || !settings.smtpFrom)
    return { outcome: "failed", answer: { key: "alerts.answer.notConfigured", values: { what: "SMTP" } } };
  const addresses = (message.channel.config as ChannelConfig).addresses ?? [];
  const known = new Map(message.people.map((p) => [p.email, p]));
  const others = await db.user.findMany({
    where: { email: { in: addresses } },
    select: { email: true, locale: true, timeZone: true },
  });
  // Addresses grouped by who reads them: a known person's language and zone, else the subscription's.
  const groups = new Map<string, { locale: Locale; timeZone: string | null; to: string[] }>();
  for (const address of addresses) {
    const other = others.find((u) => u.email === address);
    const locale =
      known.get(address)?.locale ?? (isLocale(other?.locale) ? other.locale : undefined) ?? message.subscription.locale;
    const timeZone = known.get(address)?.timeZone ?? other?.timeZone ?? message.subscription.timeZone;
    const key = `${locale} ${timeZone ?? ""}`;
    const group = groups.get(key) ?? { locale, timeZone, to: [] };
    group.to.push(address);
    groups.set(key, group);
  }
  const config = {
    host: settings.smtpHost,
    port: settings.smtpPort,
    secure: settings.smtpSecure,
    username: settings.smtpUsername,
    password: settings.smtpPasswordEncrypted ? openSecret(settings.smtpPasswordEncrypted, SMTP_PASSWORD_PLACE) : null,
    from: settings.smtpFrom,
  };
  const accepted: string[] = [];
  for (const [index, { locale, timeZone, to }] of [...groups.values()].entries()) {
    const mail = mailText(message.content, reader(locale, timeZone, settings));
    const messageId = `<${message.content.id}.${locale}.${index}@slipway>`;
    const result = await sendMail(config, { to, ...mail, messageId });
    accepted.push(...result.accepted);
  }
  if (accepted.length === 0)
    return { outcome: "failed", answer: { key: "alerts.answer.mailRejected", values: { to: addresses.join(", ") } } };
  return { outcome: "sent", answer: { key: "alerts.answer.mail", values: { to: accepted.join(", ") } } };
}

// Sends one message through its channel and says what came of it. The console channel has no
// remote side: its inbox entries are written with the outcome (record-delivery.ts).
export async function sendToChannel(message: LoadedMessage, settings: AlertingSettings): Promise<SendResult> {
  try {
    switch (message.channel.kind) {
      case "wecom_robot":
        return await robot(message, settings);
      case "wecom_app":
        return await wecomApp(message, settings);
      case "webhook":
        return await webhook(message, settings);
      case "email":
        return await email(message, settings);
      case "console":
        return {
          outcome: "sent",
          answer: { key: "alerts.answer.inbox", values: { count: message.people.length } },
        };
    }
  } catch (error) {
    return { outcome: "retry", answer: { key: "alerts.answer.transport", values: { error: transportError(error) } } };
  }
}
