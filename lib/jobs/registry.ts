import "server-only";
import { alertMessageJob } from "@/lib/alerts/jobs";
import { releaseMarkerJob } from "@/lib/grafana/jobs";
import { harborEventJob, jenkinsBuildJob } from "@/lib/builds/jobs";
import { canaryPromotion } from "@/lib/canary/jobs";
import { RELEASE_JOBS } from "@/lib/services/releases/jobs";
import { SWEEP_SECONDS, sweepInterruptedReleases } from "@/lib/services/releases/sweep-interrupted";
import type { JobDefinition } from "./define-job";
import type { PeriodicWork } from "./periodic";

// Every kind of background work Slipway has, so that each worker process knows every queue.
// Add a definition here when you add one (lib/<feature>/jobs.ts).
export const JOBS: readonly JobDefinition<object>[] = [
  ...(RELEASE_JOBS as JobDefinition<object>[]),
  alertMessageJob,
  releaseMarkerJob,
  harborEventJob,
  jenkinsBuildJob,
  canaryPromotion as JobDefinition<object>,
];

// What every worker process does every few seconds beside its jobs.
export const PERIODIC: readonly PeriodicWork[] = [
  { name: "interrupted releases", everySeconds: SWEEP_SECONDS, run: sweepInterruptedReleases },
];
