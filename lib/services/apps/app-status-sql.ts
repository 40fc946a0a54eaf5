import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AppStatus } from "@/lib/validations/app-list";

// One app's state in one environment as the release table knows it. `ready`/`desired` are the
// last rollout counts the latest release recorded; the watch caches refine them where warm.
export type AppStatusCell = {
  environment: string;
  status: AppStatus;
  image: string | null;
  ready: number | null;
  desired: number | null;
};

// The latest release of app `a` in environment `e` (the unique (app, env, number) index read
// backwards: one index probe per cell, however long the history).
const LATEST = Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT r.status::text AS status, r.progress
    FROM releases r WHERE r.app_id = a.id AND r.environment_id = e.id
    ORDER BY r.number DESC LIMIT 1
  ) latest ON true`;

// A change in flight is progressing, a failed last change degraded, anything that finished
// otherwise (succeeded, superseded by someone else's rollout) healthy.
export const STATUS = Prisma.sql`
  CASE
    WHEN latest.status IS NULL THEN 'not_deployed'
    WHEN latest.status IN ('pending', 'applying', 'progressing') THEN 'progressing'
    WHEN latest.status = 'failed' THEN 'degraded'
    ELSE 'healthy'
  END`;

// Apps `a` having, in some environment `e` of `envs`, the status asked for.
export function hasStatus(status: AppStatus): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM envs e ${LATEST} WHERE ${STATUS} = ${status})`;
}

// Per app `a`, a JSON array of its cells in the environments of `envs`, in their order. The
// running image is the latest succeeded release's.
export const CELLS = Prisma.sql`
  COALESCE((
    SELECT json_agg(json_build_object(
      'environment', e.name,
      'status', ${STATUS},
      'image', running.image,
      'ready', (latest.progress->'rollout'->>'ready')::int,
      'desired', (latest.progress->'rollout'->>'desired')::int
    ) ORDER BY e.position, e.name)
    FROM envs e
    ${LATEST}
    LEFT JOIN LATERAL (
      SELECT r.image FROM releases r
      WHERE r.app_id = a.id AND r.environment_id = e.id AND r.status = 'succeeded'
      ORDER BY r.number DESC LIMIT 1
    ) running ON true
  ), '[]'::json)`;
