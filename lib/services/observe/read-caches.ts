import "server-only";
import { clusterFor, type ClusterTarget } from "@/lib/kube/client";
import { toKubeError } from "@/lib/kube/errors";
import type { CacheKind, Slim } from "@/lib/kube/watch-cache/kinds";
import { acquireCache } from "@/lib/kube/watch-cache/registry";

// How long a view waits for a cache it starts (the namespace's first view in a while) to sync.
const FIRST_SYNC_MS = 5_000;

// The cluster's state from the caches, or why there is none: `error` is what the cluster
// answered, null while the cache is still syncing. Nothing possibly stale is shown as current.
export type CachedRead<T> = { ok: true; value: T } | { ok: false; error: string | null };

export type CachedObjects = <K extends CacheKind>(kind: K) => ReadonlyMap<string, Slim<K>>;

// Reads the namespace's shared watch caches (lib/kube/watch-cache) instead of listing from the
// apiserver, so a view or refresh sends no request once they are warm. A cache this view starts
// gets a few seconds to sync; a cache that is not synced is reported and its objects left unread.
export async function readCaches<T>(
  target: { environment: ClusterTarget; namespace: string },
  kinds: CacheKind[],
  read: (objects: CachedObjects) => T,
): Promise<CachedRead<T>> {
  let handles;
  try {
    const client = clusterFor(target.environment);
    handles = kinds.map((kind) => acquireCache(client, kind, target.namespace));
  } catch (error) {
    return { ok: false, error: toKubeError(error, target.environment.name).message };
  }
  try {
    // A cache that already failed is reported at once: the page refreshes soon anyway.
    await Promise.all(
      handles.map(({ cache }) => (cache.health().lastError ? cache.synced : cache.whenSettled(FIRST_SYNC_MS))),
    );
    const unsynced = handles.find(({ cache }) => !cache.synced);
    if (unsynced) return { ok: false, error: unsynced.cache.health().lastError };
    const byKind = new Map(handles.map(({ cache }) => [cache.kind, cache.objects]));
    return { ok: true, value: read(((kind) => byKind.get(kind)!) as CachedObjects) };
  } finally {
    for (const { release } of handles) release();
  }
}
