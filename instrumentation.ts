// Runs once when a Next.js server process starts: it starts the job queue's workers (background
// work: rollouts to follow, webhooks to process, notifications to send), resumes releases that
// a stopped Slipway process left in progress, and keeps looking for orphaned ones.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startJobs } = await import("@/lib/jobs/start-jobs");
  await startJobs();
  const { startReleaseWorker } = await import("@/lib/services/releases/resume-releases");
  startReleaseWorker();
}
