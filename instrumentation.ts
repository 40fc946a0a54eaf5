// Runs once when a Next.js server process starts: it starts the job queue's workers (background
// work: rollouts to follow, interrupted releases to finish, webhooks to process, notifications
// to send) and makes a SIGTERM stop them cleanly, handing their jobs back, before Next.js exits.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installShutdownHandlers } = await import("@/lib/shutdown");
  installShutdownHandlers();
  const { startJobs } = await import("@/lib/jobs/start-jobs");
  await startJobs();
}
