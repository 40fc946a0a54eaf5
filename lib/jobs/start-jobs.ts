import "server-only";
import { env } from "@/lib/env";
import { onShutdown } from "@/lib/shutdown";
import { JOBS, PERIODIC } from "./registry";
import { stopJobWorkers, startJobWorkers } from "./workers";

// Called once per server process (instrumentation.ts). SLIPWAY_WORKERS=0 makes a web-only
// replica: it can queue work but runs none. When the process stops (lib/shutdown.ts) the
// workers stop taking jobs and those in flight get a few seconds to finish; unfinished ones go
// back to the queue for another process.
export async function startJobs(): Promise<void> {
  const workers = env.SLIPWAY_WORKERS !== "0";
  await startJobWorkers(JOBS, { workers, periodic: PERIODIC });
  console.log(`[slipway] job queue started (${workers ? `${JOBS.length} kinds of work` : "web only, no workers"})`);
  onShutdown(() => stopJobWorkers(5_000));
}
