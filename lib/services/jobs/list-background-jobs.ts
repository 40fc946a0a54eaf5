import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { JOB_SCHEMA } from "@/lib/jobs/boss";
import { formatAge } from "@/lib/kube/pods";

export type JobState = "created" | "active" | "retry" | "failed";

export type JobKindCounts = { name: string; created: number; active: number; retry: number; failed: number };

export type BackgroundJob = {
  id: string;
  name: string;
  state: JobState;
  // The ids the job is about (a release, a request), never other payload.
  subject: { key: string; value: string }[];
  attempts: number;
  retryLimit: number;
  age: string;
  // For a job waiting for its start (deferred, or a retry after a backoff).
  dueIn: string | null;
  error: string | null;
};

const OPEN_STATES: JobState[] = ["created", "active", "retry", "failed"];
const ID = /^[0-9a-f-]{36}$/;

type Row = {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  start_after: Date;
  output: unknown;
};

function subjectOf(data: unknown): BackgroundJob["subject"] {
  if (!data || typeof data !== "object") return [];
  return Object.entries(data as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && ID.test(entry[1]))
    .map(([key, value]) => ({ key, value }));
}

function errorOf(output: unknown): string | null {
  const message = (output as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message.slice(0, 500) : null;
}

// The admin page's view of the job queue: per kind, how many jobs are queued, running,
// retrying and failed; and those jobs themselves, failed ones first, newest first.
export async function listBackgroundJobs(): Promise<{ kinds: JobKindCounts[]; jobs: BackgroundJob[] }> {
  const table = Prisma.raw(`${JOB_SCHEMA}.job`);
  const [counts, rows] = await Promise.all([
    db.$queryRaw<{ name: string; state: JobState; count: number }[]>`
      SELECT name, state::text AS state, count(*)::int AS count FROM ${table}
      WHERE state::text = ANY(${OPEN_STATES}) GROUP BY name, state`,
    db.$queryRaw<Row[]>`
      SELECT id, name, state::text AS state, data, retry_count, retry_limit, created_on, start_after, output
      FROM ${table} WHERE state::text = ANY(${OPEN_STATES})
      ORDER BY (state = 'failed') DESC, created_on DESC LIMIT 200`,
  ]);
  const kinds = new Map<string, JobKindCounts>();
  for (const { name, state, count } of counts) {
    const kind = kinds.get(name) ?? { name, created: 0, active: 0, retry: 0, failed: 0 };
    kind[state] = count;
    kinds.set(name, kind);
  }
  const now = new Date();
  return {
    kinds: [...kinds.values()].sort((a, b) => a.name.localeCompare(b.name, "en")),
    jobs: rows.map((row) => ({
      id: row.id,
      name: row.name,
      state: row.state,
      subject: subjectOf(row.data),
      attempts: row.retry_count + (row.state === "created" ? 0 : 1),
      retryLimit: row.retry_limit + 1,
      age: formatAge(row.created_on, now),
      dueIn: row.start_after > now ? formatAge(now, row.start_after) : null,
      error: row.state === "retry" || row.state === "failed" ? errorOf(row.output) : null,
    })),
  };
}
