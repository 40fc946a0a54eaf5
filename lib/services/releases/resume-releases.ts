import "server-only";
import { db } from "@/lib/db";
import { followInBackground } from "./follow-release";
import { LEASE_MS, PROCESS_ID } from "./release-store";
import { applyRelease } from "./run-release";

// Releases in progress whose follower stopped renewing its lease (Slipway restarted or a
// replica died) are claimed by one process, atomically (SKIP LOCKED), and finished: a release
// interrupted while applying is applied again (server-side apply is idempotent), one that was
// progressing is followed again.
export async function resumeReleases(): Promise<string[]> {
  const claimed = await db.$queryRaw<{ id: string; status: string }[]>`
    UPDATE releases SET lease_owner = ${PROCESS_ID}, lease_until = now() + ${`${LEASE_MS} milliseconds`}::interval
    WHERE id IN (
      SELECT id FROM releases
      WHERE status IN ('pending', 'applying', 'progressing') AND (lease_until IS NULL OR lease_until < now())
      ORDER BY created_at
      FOR UPDATE SKIP LOCKED
      LIMIT 20
    )
    RETURNING id, status::text AS status`;
  for (const { id, status } of claimed) {
    if (status === "progressing") void followInBackground(id);
    else
      void applyRelease(id)
        .then(async ({ outcome, record }) => {
          await record();
          if (outcome === "follow") await followInBackground(id);
        })
        .catch((error: unknown) => console.error(`release ${id}: resuming failed`, error));
  }
  return claimed.map((row) => row.id);
}

// Every process looks for orphaned releases at start and then now and again.
export function startReleaseWorker(intervalMs = 5_000): () => void {
  console.log(`[slipway] release worker ${PROCESS_ID} started`);
  const tick = () => void resumeReleases().catch((error: unknown) => console.error("release worker:", error));
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
