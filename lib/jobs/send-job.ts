import "server-only";
import { fromPrisma } from "pg-boss";
import type { Tx } from "@/lib/db";
import { ensureQueue, getBoss } from "./boss";
import type { JobKind } from "./define-job";

export type SendJobOptions = {
  // The caller's interactive transaction: the job exists if and only if it commits.
  tx?: Tx;
  // One queued job per key where the queue's policy says so (short, singleton, stately).
  singletonKey?: string;
  // With a key: one job per key in each slot of this many seconds, whatever the queue's policy.
  singletonSeconds?: number;
  // Seconds from now, or a time.
  startAfter?: number | Date;
  priority?: number;
};

// Queues a job. Returns its id, or null when the queue's policy refused a duplicate.
export async function sendJob<T extends object>(
  job: JobKind<T>,
  data: T,
  options: SendJobOptions = {},
): Promise<string | null> {
  const { tx, ...rest } = options;
  await ensureQueue(job as JobKind<object>);
  const boss = await getBoss();
  return boss.send(job.name, data, { ...rest, ...(tx ? { db: fromPrisma(tx) } : {}) });
}
