import "server-only";
import { alertMessageJob } from "@/lib/alerts/jobs";
import { releaseMarkerJob } from "@/lib/grafana/jobs";
import type { JobDefinition } from "./define-job";

// Every kind of background work Slipway has, so that each worker process knows every queue.
// Add a definition here when you add one (lib/<feature>/jobs.ts).
export const JOBS: readonly JobDefinition<object>[] = [alertMessageJob, releaseMarkerJob];
