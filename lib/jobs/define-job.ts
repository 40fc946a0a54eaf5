import "server-only";
import type { Queue } from "pg-boss";

// One kind of background work: a pg-boss queue (its name and settings) and the handler every
// worker process runs for it. Handlers must be idempotent: a job whose worker died is retried
// once its claim expires, and a thrown error retries it with the queue's backoff until the
// retry limit, after which it stays failed (visible, retryable by an admin).
export type QueueSettings = Pick<
  Queue,
  | "policy"
  | "retryLimit"
  | "retryDelay"
  | "retryBackoff"
  | "retryDelayMax"
  | "expireInSeconds"
  | "deleteAfterSeconds"
  | "heartbeatSeconds"
>;

export type JobInfo = { id: string; name: string; retryCount: number; signal: AbortSignal };

export type JobDefinition<T extends object> = {
  readonly name: string;
  readonly settings: QueueSettings;
  // How many jobs of this kind one process runs at once.
  readonly concurrency: number;
  // A method, so that a list of definitions with different data types is a list of JobDefinition<object>.
  handler(data: T, job: JobInfo): Promise<void>;
};

// Queue names are pg-boss identifiers: lowercase words joined by '-'.
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function defineJob<T extends object>(
  name: string,
  settings: QueueSettings & { concurrency?: number },
  handler: (data: T, job: JobInfo) => Promise<void>,
): JobDefinition<T> {
  if (!NAME.test(name)) throw new Error(`job name ${name} must be lowercase words joined by '-'`);
  const { concurrency = 1, ...queue } = settings;
  return { name, settings: queue, concurrency, handler };
}
