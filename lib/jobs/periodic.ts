import "server-only";

// Work every worker process does every few seconds on its own (a sweep for something left
// behind), as opposed to a job, which one process runs once. It must be safe to run in several
// processes at once; a run still going when the next is due is not started again.
export type PeriodicWork = { name: string; everySeconds: number; run(): Promise<unknown> };

// Starts each piece of work on its own timer (the first run at a random point of its first
// period, so processes started together spread out); returns the function that stops them
// and waits for runs in progress.
export function startPeriodicWork(work: readonly PeriodicWork[]): () => Promise<void> {
  let stopped = false;
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const one of work) {
    let busy = false;
    const tick = () => {
      if (stopped || busy) return;
      busy = true;
      const run = one
        .run()
        .catch((error: unknown) =>
          console.error(`[slipway] ${one.name}:`, error instanceof Error ? error.message : error),
        )
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    const first = setTimeout(
      () => {
        tick();
        const every = setInterval(tick, one.everySeconds * 1_000);
        every.unref();
        timers.push(every);
      },
      Math.random() * one.everySeconds * 1_000,
    );
    first.unref();
    timers.push(first);
  }
  return async () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(running);
  };
}
