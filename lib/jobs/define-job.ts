import "server-only";
import type { Queue } from "pg-boss";

// One kind of background work: a pg-boss queue (its name and settings) and the handler every
// worker process runs for it. Handlers must be idempotent: a job whose worker died is retried
// once its claim expires (or its heartbeat stops), and a thrown error retries it with the queue's
// backoff until the retry limit, after which it stays failed (visible, retryable by an admin).
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

// What senders need: the queue, not the handler. Work that queues work of a kind whose handler
// leads back to it (a release that may end in an automatic rollback, itself a release) imports
// the kind only, so modules still import each other as a tree.
export type JobKind<T extends object> = {
  readonly name: string;
  readonly settings: QueueSettings;
  // How many jobs of this kind one process runs at once.
  readonly concurrency: number;
  // Carries the data type for sendJob; never set.
  readonly data?: T;
};

export type JobDefinition<T extends object> = JobKind<T> & {
  // A method, so that a list of definitions with different data types is a list of JobDefinition<object>.
  handler(data: T, job: JobInfo): Promise<void>;
};

// Queue names are pg-boss identifiers: lowercase words joined by '-'.
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function declareJob<T extends object>(
  name: string,
  settings: QueueSettings & { concurrency?: number },
): JobKind<T> {
  if (!NAME.test(name)) throw new Error(`job name ${name} must be lowercase words joined by '-'`);
  const { concurrency = 1, ...queue } = settings;
  return { name, settings: queue, concurrency };
}

export function handleJob<T extends object>(
  kind: JobKind<T>,
  handler: (data: T, job: JobInfo) => Promise<void>,
): JobDefinition<T> {
  return { ...kind, handler };
}

export function defineJob<T extends object>(
  name: string,
  settings: QueueSettings & { concurrency?: number },
  handler: (data: T, job: JobInfo) => Promise<void>,
): JobDefinition<T> {
  return handleJob(declareJob<T>(name, settings), handler);
}
