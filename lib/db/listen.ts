import "server-only";
import { Client } from "pg";
import { env } from "@/lib/env";
import type { Tx } from "@/lib/db";

type Listener = (payload: string) => void;

// One PostgreSQL connection per process listens for NOTIFY and fans the payloads out to the
// subscribers in this process (SSE streams). Any replica's change reaches every replica's
// browsers this way. The connection is re-opened when it drops.
class NotificationHub {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  async subscribe(channel: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(channel);
    const fresh = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    const client = await this.connect();
    if (fresh) await client.query(`LISTEN ${quoteIdent(channel)}`);
    return () => {
      set.delete(listener);
    };
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: env.DATABASE_URL });
      client.on("notification", (message) => {
        for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload ?? "");
      });
      client.on("error", () => this.drop(client));
      client.on("end", () => this.drop(client));
      await client.connect();
      for (const channel of this.listeners.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private drop(client: Client) {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.listeners.size > 0) setTimeout(() => void this.connect().catch(() => undefined), 1_000).unref();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const globalForHub = globalThis as unknown as { slipwayNotificationHub?: NotificationHub };

export function notifications(): NotificationHub {
  return (globalForHub.slipwayNotificationHub ??= new NotificationHub());
}

// Sent when the transaction commits, so listeners never read a change that is not there yet.
export async function notify(tx: Tx, channel: string, payload: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
}
