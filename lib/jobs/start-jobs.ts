import "server-only";
import { env } from "@/lib/env";
import { JOBS } from "./registry";
import { stopJobWorkers, startJobWorkers } from "./workers";

// Called once per server process (instrumentation.ts). SLIPWAY_WORKERS=0 makes a web-only
// replica: it can queue work but runs none. On SIGTERM the workers stop taking jobs and those
// in flight get a few seconds to finish; unfinished ones go back to the queue.
export async function startJobs(): Promise<void> {
  const workers = env.SLIPWAY_WORKERS !== "0";
  await startJobWorkers(JOBS, { workers });
  console.log(`[slipway] job queue started (${workers ? `${JOBS.length} kinds of work` : "web only, no workers"})`);
  process.once("SIGTERM", () => {
    void stopJobWorkers().catch((error: unknown) => console.error("[slipway] stopping the job queue:", error));
  });
}
