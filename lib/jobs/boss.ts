import "server-only";
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import type { JobKind } from "./define-job";

// One pg-boss instance per process, in its own `pgboss` schema on Slipway's database. It is
// started on first use (installing or migrating the schema under pg-boss's advisory lock, so
// several replicas starting at once are fine) and stopped by stopBoss().
const globalForBoss = globalThis as unknown as {
  slipwayBoss?: { boss: PgBoss; started: Promise<PgBoss>; queues: Map<string, Promise<void>> };
};

export const JOB_SCHEMA = "pgboss";

function instance() {
  if (!globalForBoss.slipwayBoss) {
    const boss = new PgBoss({
      connectionString: env.DATABASE_URL,
      schema: JOB_SCHEMA,
      application_name: "slipway-jobs",
      // Workers of every kind fetch, heartbeat and settle on it; room for a burst of them at once.
      max: 10,
      // Workers wake on NOTIFY when a job is sent to a queue that asks for it; polling stays as
      // the floor when the listening connection is down.
      useListenNotify: true,
      // The pass that fails jobs whose worker stopped sending heartbeats (a process killed) and
      // expires overdue ones: every few seconds, so such a job is retried by another worker soon,
      // not a minute later.
      superviseIntervalSeconds: 5,
      monitorIntervalSeconds: 5,
    });
    // pg-boss reports connection trouble here and keeps going (it reconnects); an unhandled
    // 'error' event would end the process.
    boss.on("error", (error: Error) => console.error("[slipway] job queue:", error.message));
    boss.on("warning", (warning: { message: string }) => console.warn("[slipway] job queue:", warning.message));
    const started = boss.start();
    globalForBoss.slipwayBoss = { boss, started, queues: new Map() };
    started.catch(() => {
      if (globalForBoss.slipwayBoss?.boss === boss) delete globalForBoss.slipwayBoss;
    });
  }
  return globalForBoss.slipwayBoss;
}

export async function getBoss(): Promise<PgBoss> {
  return instance().started;
}

// Creates the queue if it does not exist, with its settings (updated when they changed), once
// per process. Must not run inside a transaction that already sent a job: it uses pg-boss's
// own connections.
export function ensureQueue(job: JobKind<object>): Promise<void> {
  const state = instance();
  let ready = state.queues.get(job.name);
  if (!ready) {
    ready = (async () => {
      const boss = await state.started;
      const [existing] = await boss.getQueues([job.name]);
      const { policy, ...settings } = job.settings;
      if (!existing) await boss.createQueue(job.name, { ...settings, policy: policy ?? "standard", notify: true });
      else await boss.updateQueue(job.name, { ...settings, notify: true });
    })();
    ready.catch(() => state.queues.delete(job.name));
    state.queues.set(job.name, ready);
  }
  return ready;
}

// Stops workers (jobs in flight get `timeoutMs` to finish; unfinished ones are handed back to
// the queue for another worker) and closes the connections.
export async function stopBoss(timeoutMs = 8_000): Promise<void> {
  const state = globalForBoss.slipwayBoss;
  if (!state) return;
  delete globalForBoss.slipwayBoss;
  const boss = await state.started.catch(() => null);
  await boss?.stop({ graceful: true, close: true, timeout: timeoutMs });
}
