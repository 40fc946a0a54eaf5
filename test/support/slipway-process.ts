// A Slipway process for multi-process tests, started as its own OS process: the Alertmanager
// webhook route on SLIPWAY_PROCESS_PORT and the job queue's workers, as `next start` runs them
// (without the pages). The test stops it with a signal: SIGKILL for a crash.
//   node --import tsx --conditions=react-server test/support/slipway-process.ts
import { POST } from "@/app/api/webhooks/alertmanager/route";
import { JOBS, PERIODIC } from "@/lib/jobs/registry";
import { startJobWorkers } from "@/lib/jobs/workers";
import { serveRouteOn } from "./route-server";

const port = Number(process.env.SLIPWAY_PROCESS_PORT);
await startJobWorkers(JOBS, { workers: true, periodic: PERIODIC });
await serveRouteOn(POST, port);
console.log(`slipway-process ${process.pid} ready on ${port}`);
