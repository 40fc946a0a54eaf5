import "server-only";
import type { KubeClient } from "../client";
import type { CacheKind } from "./kinds";
import { WatchCache, type CacheHealth } from "./watch-cache";

// A cache nobody has used for this long is stopped (its watch closed, its objects dropped).
const IDLE_MS = 5 * 60_000;

type Entry = { cache: WatchCache<CacheKind>; holders: number; lastUse: number; idle?: NodeJS.Timeout };

// One cache per (environment, kind, namespace) in the process, whoever reads it.
const globalForCaches = globalThis as unknown as { slipwayWatchCaches?: Map<string, Entry> };
const entries = (globalForCaches.slipwayWatchCaches ??= new Map());

export type CacheHandle<K extends CacheKind> = { cache: WatchCache<K>; release(): void };

function key(client: KubeClient, kind: CacheKind, namespace: string) {
  return `${client.environment}\u0000${kind}\u0000${namespace}`;
}

function scheduleIdle(id: string, entry: Entry, idleMs: number) {
  clearTimeout(entry.idle);
  entry.idle = setTimeout(() => {
    if (entry.holders > 0 || entries.get(id) !== entry) return;
    entry.cache.stop();
    entries.delete(id);
  }, idleMs);
  entry.idle.unref();
}

// The shared cache of this kind in this namespace, started on first use. Hold it while reading
// it continuously (a follower, an open stream) and release it after; one-off readers (a page
// render) take and release at once, which keeps it warm for the next IDLE_MS.
export function acquireCache<K extends CacheKind>(
  client: KubeClient,
  kind: K,
  namespace: string,
  options: { idleMs?: number } = {},
): CacheHandle<K> {
  const id = key(client, kind, namespace);
  let entry = entries.get(id);
  // An environment saved again gets a new client (new credentials): its caches start over. The
  // old one stops now, or when its last holder (a release follower) lets go.
  if (entry && entry.cache.client !== client) {
    clearTimeout(entry.idle);
    entries.delete(id);
    if (entry.holders === 0) entry.cache.stop();
    entry = undefined;
  }
  if (!entry) {
    entry = { cache: new WatchCache(client, kind, namespace), holders: 0, lastUse: Date.now() };
    entries.set(id, entry);
    entry.cache.start();
  }
  const held = entry;
  held.holders += 1;
  held.lastUse = Date.now();
  clearTimeout(held.idle);
  let released = false;
  return {
    cache: held.cache as unknown as WatchCache<K>,
    release: () => {
      if (released) return;
      released = true;
      held.holders -= 1;
      held.lastUse = Date.now();
      if (held.holders > 0) return;
      if (entries.get(id) === held) scheduleIdle(id, held, options.idleMs ?? IDLE_MS);
      else held.cache.stop();
    },
  };
}

// The caches running for an environment, for its page.
export function cacheHealth(environment: string): (CacheHealth & { holders: number; lastUse: Date })[] {
  return [...entries.values()]
    .map((entry) => ({ ...entry.cache.health(), holders: entry.holders, lastUse: new Date(entry.lastUse) }))
    .filter((health) => health.environment === environment)
    .sort((a, b) => `${a.namespace}/${a.kind}`.localeCompare(`${b.namespace}/${b.kind}`, "en"));
}

// Stops every cache (process shutdown, tests).
export function stopAllCaches(): void {
  for (const entry of entries.values()) {
    clearTimeout(entry.idle);
    entry.cache.stop();
  }
  entries.clear();
}
