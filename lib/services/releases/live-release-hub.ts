import "server-only";
import { releaseLiveState, type ReleaseLiveState } from "./release-view";
import { watchRelease } from "./watch-release";

// A release page's live stream, as the hub sees it: the last timeline entry it has, where the
// next state goes, and what to do when the release cannot be read (end the stream: the browser
// connects again).
export type LiveSubscriber = {
  lastEventId(): string | undefined;
  send(state: ReleaseLiveState): void;
  fail(): void;
};

type Entry = {
  subscribers: Set<LiveSubscriber>;
  // Subscribers waiting for their first state: told whether the release exists (or the error).
  firsts: Map<LiveSubscriber, { found(exists: boolean): void; failed(error: unknown): void }>;
  reading: boolean;
  again: boolean;
  listening: Promise<() => void>;
};

// One entry per release with open streams in this process: a release watched by many pages at
// once (a team following a big rollout) is read once per change, not once per page.
const globalForHub = globalThis as unknown as { slipwayLiveReleases?: Map<string, Entry> };
const entries = (globalForHub.slipwayLiveReleases ??= new Map<string, Entry>());

const after = (id: string, lastEventId: string | undefined) => !lastEventId || BigInt(id) > BigInt(lastEventId);

// Reads the release once for every subscriber (from the oldest timeline entry any of them
// lacks) and hands each the state with the entries it has not had. One read at a time;
// changes during a read ask for one more read after it.
async function refresh(id: string, entry: Entry): Promise<void> {
  try {
    await read(id, entry);
  } catch (error) {
    for (const subscriber of entry.subscribers) {
      const first = entry.firsts.get(subscriber);
      entry.firsts.delete(subscriber);
      if (first) first.failed(error);
      else subscriber.fail();
    }
  }
}

async function read(id: string, entry: Entry): Promise<void> {
  if (entry.reading) {
    entry.again = true;
    return;
  }
  entry.reading = true;
  try {
    do {
      entry.again = false;
      const subscribers = [...entry.subscribers];
      if (subscribers.length === 0) return;
      const lasts = subscribers.map((subscriber) => subscriber.lastEventId());
      const oldest = lasts.includes(undefined)
        ? undefined
        : (lasts as string[]).reduce((a, b) => (BigInt(a) < BigInt(b) ? a : b));
      const state = await releaseLiveState(id, oldest);
      if (!state) {
        for (const subscriber of subscribers) entry.firsts.get(subscriber)?.found(false);
        return;
      }
      subscribers.forEach((subscriber, index) => {
        subscriber.send({ ...state, timeline: state.timeline.filter((item) => after(item.id, lasts[index])) });
        const first = entry.firsts.get(subscriber);
        entry.firsts.delete(subscriber);
        first?.found(true);
      });
    } while (entry.again);
  } finally {
    entry.reading = false;
  }
}

// Subscribes a stream to the release's changes recorded by any Slipway process (NOTIFY), then
// reads it (after listening, so no change is lost in between) and sends the stream its first
// state before returning. Streams joining at once share that read: a release page opened by a
// whole team costs one or two reads, not one per page. Returns the function that unsubscribes
// the stream (the last one out stops listening), or null when there is no such release.
export async function subscribeLiveRelease(id: string, subscriber: LiveSubscriber): Promise<(() => void) | null> {
  let entry = entries.get(id);
  if (!entry) {
    const created: Entry = {
      subscribers: new Set(),
      firsts: new Map(),
      reading: false,
      again: false,
      listening: null!,
    };
    created.listening = watchRelease(id, () => void refresh(id, created));
    entries.set(id, created);
    entry = created;
  }
  const joined = entry;
  const first = new Promise<boolean>((found, failed) => joined.firsts.set(subscriber, { found, failed }));
  joined.subscribers.add(subscriber);
  const off = () => {
    joined.firsts.delete(subscriber);
    if (!joined.subscribers.delete(subscriber) || joined.subscribers.size > 0) return;
    if (entries.get(id) === joined) entries.delete(id);
    void joined.listening.then((stop) => stop());
  };
  try {
    await joined.listening;
  } catch (error) {
    joined.firsts.delete(subscriber);
    joined.subscribers.delete(subscriber);
    if (entries.get(id) === joined) entries.delete(id);
    throw error;
  }
  void refresh(id, joined);
  let found: boolean;
  try {
    found = await first;
  } catch (error) {
    off();
    throw error;
  }
  if (found) return off;
  off();
  return null;
}
