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
    for (const window of await digestWindows(tx, digest)) {
      if (window.dueAt) result.windows.push({ id: window.messageId, dueAt: window.dueAt });
      for (const e of digest.get(window.channelId)!.events)
        items.push({ messageId: window.messageId, alertId: e.alertId, event: e.event });
    }
  }
  // One statement for every item (a batch of 50 alerts to a few channels is hundreds of rows).
  if (items.length > 0)
    await tx.$executeRaw`
      INSERT INTO alert_message_items (message_id, alert_id, event)
      SELECT * FROM unnest(${items.map((i) => i.messageId)}::uuid[], ${items.map((i) => i.alertId)}::uuid[],
        ${items.map((i) => i.event)}::"AlertStatus"[])
      ON CONFLICT DO NOTHING`;
  return result;
}

type Window = { channelId: string; messageId: string; dueAt: Date | null };

// The open digest window of each channel, opening those that have none (dueAt set for a window
// opened here). Existing windows are only share-locked, so concurrent ingests add to one window
// side by side, while a sender closing it (claimMessage deletes the row) waits for them to
// commit. A window closed or opened by someone else in between is found on the next round.
async function digestWindows(tx: Tx, digest: Map<string, { subscriptionId: string; seconds: number }>) {
  const found: Window[] = [];
  // One order for every ingest, so two that open windows of the same channels never deadlock.
  let pending = [...digest.keys()].sort();
  for (let round = 0; pending.length > 0; round++) {
    if (round === 5)
      throw new Error(`alert digest windows kept changing under this ingest (${pending.length} channels)`);
    const existing = await tx.$queryRaw<{ channelId: string; messageId: string }[]>`
      SELECT channel_id::text AS "channelId", message_id::text AS "messageId" FROM alert_open_windows
      WHERE channel_id = ANY(${pending}::uuid[]) ORDER BY channel_id FOR SHARE`;
    for (const window of existing) found.push({ ...window, dueAt: null });
    const have = new Set(existing.map((w) => w.channelId));
    const missing = pending.filter((id) => !have.has(id));
    if (missing.length === 0) break;
    const opened = await tx.$queryRaw<Window[]>`
      WITH want AS (
        SELECT * FROM unnest(${missing}::uuid[], ${missing.map(() => randomUUID())}::uuid[],
          ${missing.map((id) => digest.get(id)!.subscriptionId)}::uuid[], ${missing.map((id) => digest.get(id)!.seconds)}::int[])
          AS w(channel_id, candidate, subscription_id, seconds)
      ), win AS (
        INSERT INTO alert_open_windows (channel_id, message_id)
        SELECT channel_id, candidate FROM want ORDER BY channel_id
        ON CONFLICT (channel_id) DO NOTHING
        RETURNING channel_id, message_id
      ), opened AS (
        INSERT INTO alert_messages (id, subscription_id, channel_id, urgent, state, opened_at, due_at)
        SELECT win.message_id, want.subscription_id, win.channel_id, false, 'open', now(),
          now() + make_interval(secs => want.seconds)
        FROM win JOIN want USING (channel_id)
        RETURNING id, channel_id, due_at
      )
      SELECT channel_id::text AS "channelId", id::text AS "messageId", due_at AS "dueAt" FROM opened`;
    found.push(...opened);
    const done = new Set(opened.map((w) => w.channelId));
    pending = missing.filter((id) => !done.has(id));
  }
  return found;
}
