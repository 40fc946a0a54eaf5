import "server-only";
import { randomUUID } from "node:crypto";
import { isUrgent } from "@/lib/alerts/severity";
import { compileFilter, type FilterableAlert, type SubscriptionFilter } from "@/lib/alerts/subscription-filter";
import type { Tx } from "@/lib/db";

export type AlertEvent = FilterableAlert & { alertId: string; event: "firing" | "resolved" };
export type OpenedMessages = { urgent: string[]; windows: { id: string; dueAt: Date }[] };

type Item = { messageId: string; alertId: string; event: "firing" | "resolved" };

// Turns alert events into messages, inside the ingest transaction: each event goes to every
// enabled channel of every subscription whose filters take it. Critical and high events make one
// message per channel at once; the others join the channel's open digest window, and the first
// of them opens one (a row per channel in alert_open_windows, so concurrent ingests and replicas
// share it). Returns the messages that need a delivery job.
export async function openMessages(tx: Tx, events: AlertEvent[]): Promise<OpenedMessages> {
  const result: OpenedMessages = { urgent: [], windows: [] };
  if (events.length === 0) return result;
  // Every subscription with its enabled channels, in one query.
  const subscriptions = await tx.$queryRaw<
    (SubscriptionFilter & { id: string; windowSeconds: number; channels: string[] })[]
  >`
    SELECT s.id::text, s.app_ids::text[] AS "appIds", s.filter_team_id::text AS "filterTeamId",
      s.environment_ids::text[] AS "environmentIds", s.min_severity AS "minSeverity", s.alertnames, s.matchers,
      s.window_seconds AS "windowSeconds", array_agg(c.id::text) AS channels
    FROM alert_subscriptions s JOIN alert_channels c ON c.subscription_id = s.id AND c.disabled_at IS NULL
    GROUP BY s.id`;
  const urgent = new Map<string, { subscriptionId: string; events: AlertEvent[] }>();
  const digest = new Map<string, { subscriptionId: string; seconds: number; events: AlertEvent[] }>();
  for (const subscription of subscriptions) {
    const wanted = events.filter(compileFilter(subscription));
    for (const event of wanted)
      for (const channelId of subscription.channels) {
        const bucket = isUrgent(event.severity) ? urgent : digest;
        const entry = bucket.get(channelId) ?? {
          subscriptionId: subscription.id,
          seconds: subscription.windowSeconds,
          events: [] as AlertEvent[],
        };
        entry.events.push(event);
        bucket.set(channelId, entry);
      }
  }
  const items: Item[] = [];
  if (urgent.size > 0) {
    const now = new Date();
    const messages = [...urgent].map(([channelId, entry]) => ({
      id: randomUUID(),
      subscriptionId: entry.subscriptionId,
      channelId,
      urgent: true,
      dueAt: now,
      entry,
    }));
    await tx.alertMessage.createMany({ data: messages.map(({ entry: _e, ...message }) => message) });
    for (const message of messages) {
      result.urgent.push(message.id);
      for (const e of message.entry.events) items.push({ messageId: message.id, alertId: e.alertId, event: e.event });
    }
  }
  if (digest.size > 0) {
    const entries = [...digest];
    const windows = await tx.$queryRaw<{ channelId: string; messageId: string; opened: boolean; dueAt: Date | null }[]>`
      WITH want AS (
        SELECT * FROM unnest(${entries.map(([id]) => id)}::uuid[], ${entries.map(() => randomUUID())}::uuid[],
          ${entries.map(([, e]) => e.subscriptionId)}::uuid[], ${entries.map(([, e]) => e.seconds)}::int[])
          AS w(channel_id, candidate, subscription_id, seconds)
      ), win AS (
        INSERT INTO alert_open_windows (channel_id, message_id)
        SELECT channel_id, candidate FROM want
        ON CONFLICT (channel_id) DO UPDATE SET channel_id = EXCLUDED.channel_id
        RETURNING channel_id, message_id, (xmax = 0) AS opened
      ), opened AS (
        INSERT INTO alert_messages (id, subscription_id, channel_id, urgent, state, opened_at, due_at)
        SELECT win.message_id, want.subscription_id, win.channel_id, false, 'open', now(),
          now() + make_interval(secs => want.seconds)
        FROM win JOIN want USING (channel_id) WHERE win.opened
        RETURNING id, due_at
      )
      SELECT win.channel_id::text AS "channelId", win.message_id::text AS "messageId", win.opened,
        opened.due_at AS "dueAt"
      FROM win LEFT JOIN opened ON opened.id = win.message_id`;
    for (const window of windows) {
      if (window.opened && window.dueAt) result.windows.push({ id: window.messageId, dueAt: window.dueAt });
      for (const e of digest.get(window.channelId)!.events)
        items.push({ messageId: window.messageId, alertId: e.alertId, event: e.event });
    }
  }
  if (items.length > 0) await tx.alertMessageItem.createMany({ data: items, skipDuplicates: true });
  return result;
}
