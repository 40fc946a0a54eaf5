import "server-only";
import { Watch, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeClient } from "../client";
import { toKubeError } from "../errors";
import { KINDS, type CacheKind, type Slim } from "./kinds";

const PAGE_SIZE = 500;
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;
const INACTIVITY_MS = 150_000;

export type CacheHealth = {
  environment: string;
  kind: CacheKind;
  namespace: string;
  synced: boolean;
  objects: number;
  lastEventAt: Date | null;
  syncedAt: Date | null;
  restarts: number;
  relists: number;
  lastError: string | null;
};

class Gone extends Error {}

function isGone(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: number } | undefined;
  return error instanceof Gone || e?.statusCode === 410 || e?.code === 410;
}

// One list+watch of one kind in one namespace, kept as slim objects (kinds.ts) and shared by
// every reader in the process. client-node's informer stops for good on most errors
// (INTEGRATIONS.md §9), so this runs its own loop: a paged list, then a watch from the list's
// resourceVersion with bookmarks; a watch that ends is resumed from the last version seen; a
// 410 Gone relists; any other failure marks the cache unsynced and retries with exponential
// backoff and jitter. Readers check `synced`: an unsynced cache's objects may be stale.
export class WatchCache<K extends CacheKind> {
  readonly objects = new Map<string, Slim<K>>();
  private readonly listeners = new Set<(changed?: string) => void>();
  private resourceVersion: string | undefined;
  private controller: AbortController | null = null;
  private running = false;
  private attempt = 0;
  private wake: (() => void) | null = null;
  private readonly state = {
    synced: false,
    lastEventAt: null as Date | null,
    syncedAt: null as Date | null,
    restarts: 0,
    relists: 0,
    lastError: null as string | null,
  };

  constructor(
    readonly client: KubeClient,
    readonly kind: K,
    readonly namespace: string,
  ) {}

  get synced(): boolean {
    return this.state.synced;
  }

  health(): CacheHealth {
    return {
      environment: this.client.environment,
      kind: this.kind,
      namespace: this.namespace,
      objects: this.objects.size,
      ...this.state,
    };
  }

  // Called after every change (with the name of the object that changed), and without a name
  // when the cache becomes synced (after a relist any object may have changed) or an attempt
  // fails.
  subscribe(listener: (changed?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.controller?.abort();
    this.wake?.();
    this.setSynced(false);
  }

  // Resolves once the cache is synced (or rejects after `timeoutMs`).
  async whenSynced(timeoutMs = 30_000): Promise<void> {
    if (this.synced) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`${this.client.environment}: ${this.kind} in ${this.namespace} not synced`));
      }, timeoutMs);
      const unsubscribe = this.subscribe(() => {
        if (!this.synced) return;
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  }

  // True once synced; false as soon as an attempt to sync fails, or after `timeoutMs`.
  async whenSettled(timeoutMs: number): Promise<boolean> {
    if (this.synced) return true;
    return new Promise<boolean>((resolve) => {
      const settle = (synced: boolean) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(synced);
      };
      const timer = setTimeout(() => settle(false), timeoutMs);
      // While not synced a cache only speaks when it becomes synced or an attempt fails.
      const unsubscribe = this.subscribe(() => settle(this.synced));
    });
  }

  private emit(changed?: string) {
    for (const listener of this.listeners) listener(changed);
  }

  private setSynced(synced: boolean) {
    if (this.state.synced === synced) return;
    this.state.synced = synced;
    if (synced) this.state.syncedAt = new Date();
    this.emit();
  }

  private async loop() {
    while (this.running) {
      try {
        if (!this.resourceVersion) await this.relist();
        await this.watchOnce();
      } catch (error) {
        if (!this.running) break;
        if (isGone(error)) {
          this.resourceVersion = undefined;
          continue;
        }
        this.state.restarts += 1;
        this.state.lastError = toKubeError(error, this.client.environment).message;
        this.state.synced = false;
        // Also when it was not synced before: a reader waiting for this attempt learns it failed.
        this.emit();
        await this.sleep(this.backoff());
      }
    }
  }

  private backoff(): number {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    this.attempt += 1;
    // Full jitter on the upper half: caches of one cluster that failed together spread out.
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      // stop() ends the wait at once.
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  // The whole collection, a page at a time; objects no longer listed are dropped.
  private async relist() {
    const { apiVersion, kind, slim } = KINDS[this.kind];
    const fresh = new Map<string, Slim<K>>();
    let token: string | undefined;
    let version: string | undefined;
    do {
      const page = await this.client.call((c) =>
        c.objects.list(
          apiVersion,
          kind,
          this.namespace,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          PAGE_SIZE,
          token,
        ),
      );
      for (const item of page.items) fresh.set(item.metadata?.name ?? "", slim(item as never) as Slim<K>);
      token = page.metadata?._continue || undefined;
      version = page.metadata?.resourceVersion;
    } while (token);
    this.objects.clear();
    for (const [name, object] of fresh) this.objects.set(name, object);
    this.resourceVersion = version;
    this.state.relists += 1;
    this.state.lastEventAt = new Date();
    this.attempt = 0;
    this.state.synced = true;
    this.state.syncedAt = new Date();
    this.emit();
  }

  // One watch connection, until it ends. Ends without an error (the server's timeout, the
  // client's inactivity timer) resume from the last version; errors and 410 reject.
  private watchOnce(): Promise<void> {
    const { path, slim } = KINDS[this.kind];
    return new Promise<void>((resolve, reject) => {
      let ended = false;
      const end = (error?: unknown) => {
        if (ended) return;
        ended = true;
        this.controller?.abort();
        if (error && !(error instanceof DOMException && error.name === "TimeoutError")) reject(error);
        else resolve();
      };
      const watch = new Watch(this.client.config);
      // client-node 2.0.1 ends a watch after 30 s without a byte (INTEGRATIONS.md §9), so a quiet
      // namespace would reconnect twice a minute; the apiserver's bookmarks (about one a minute)
      // keep a live watch talking well within this longer limit. The field is private in the
      // typings, not in the code (dist/watch.js).
      (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = INACTIVITY_MS;
      watch
        .watch(
          `${path}/namespaces/${this.namespace}/${this.kind}`,
          { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 },
          (type: string, object: KubernetesObject & { code?: number }) => {
            this.state.lastEventAt = new Date();
            const version = object.metadata?.resourceVersion;
            if (type === "ERROR") {
              end(object.code === 410 ? new Gone("410 Gone") : new Error(JSON.stringify(object)));
              return;
            }
            if (version) this.resourceVersion = version;
            if (type === "BOOKMARK") return;
            const name = object.metadata?.name ?? "";
            if (type === "DELETED") this.objects.delete(name);
            else this.objects.set(name, slim(object as never) as Slim<K>);
            this.emit(name);
          },
          (error: unknown) => end(error),
        )
        .then((controller) => {
          this.controller = controller;
          if (ended || !this.running) {
            controller.abort();
            return;
          }
          // Connected: the objects are as current as the resumed watch makes them.
          this.attempt = 0;
          this.setSynced(true);
        })
        .catch(end);
    });
  }
}
