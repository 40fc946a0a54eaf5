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
  } catch {
    for (const subscriber of entry.subscribers) subscriber.fail();
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
      if (!state) return;
      subscribers.forEach((subscriber, index) =>
        subscriber.send({ ...state, timeline: state.timeline.filter((entry) => after(entry.id, lasts[index])) }),
      );
    } while (entry.again);
  } finally {
    entry.reading = false;
  }
}

// Subscribes a stream to the release's changes recorded by any Slipway process (NOTIFY), and
// reads once right away, so a change between the stream's first read and now is not lost.
// Returns the function that unsubscribes it; the last one out stops listening.
export async function subscribeLiveRelease(id: string, subscriber: LiveSubscriber): Promise<() => void> {
  let entry = entries.get(id);
  if (!entry) {
    const created: Entry = { subscribers: new Set(), reading: false, again: false, listening: null! };
    created.listening = watchRelease(id, () => void refresh(id, created));
    entries.set(id, created);
    entry = created;
  }
  const joined = entry;
  joined.subscribers.add(subscriber);
  try {
    await joined.listening;
  } catch (error) {
    if (entries.get(id) === joined) entries.delete(id);
    throw error;
  }
  await refresh(id, joined);
  return () => {
    if (!joined.subscribers.delete(subscriber) || joined.subscribers.size > 0) return;
    if (entries.get(id) === joined) entries.delete(id);
    void joined.listening.then((stop) => stop());
  };
}
