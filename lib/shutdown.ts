import "server-only";

// What a Slipway process does when it is told to stop (SIGTERM from Kubernetes or a process
// manager, Ctrl-C): its background work hands its jobs back and live streams end, before
// Next.js closes the HTTP server (which waits for open requests, live streams included) and
// exits. Bounded, so the whole stop stays within Kubernetes' grace period.
type Task = () => Promise<void> | void;

const state = globalThis as unknown as {
  slipwayShutdown?: { tasks: Set<Task>; started: Promise<void> | null; stopping: AbortController };
};
const shared = (state.slipwayShutdown ??= { tasks: new Set(), started: null, stopping: new AbortController() });

const TASKS_MS = 8_000;

// Registers work to run at shutdown; returns a function that unregisters it.
export function onShutdown(task: Task): () => void {
  shared.tasks.add(task);
  return () => {
    shared.tasks.delete(task);
  };
}

// Aborted when the process starts shutting down: long work (following a rollout) stops at once
// and hands its job back instead of holding the shutdown up.
export function shutdownSignal(): AbortSignal {
  return shared.stopping.signal;
}

// Runs every registered task once, in parallel, for at most TASKS_MS.
export function shutdown(): Promise<void> {
  shared.started ??= (async () => {
    const started = Date.now();
    console.log(`[slipway] stopping: ${shared.tasks.size} tasks (background work, live streams)`);
    shared.stopping.abort();
    const tasks = [...shared.tasks].map(async (task) => {
      try {
        await task();
      } catch (error) {
        console.error("[slipway] shutdown:", error);
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, TASKS_MS);
      timer.unref();
    });
    await Promise.race([Promise.all(tasks), limit]);
    clearTimeout(timer);
    console.log(`[slipway] stopped background work in ${Date.now() - started} ms`);
  })();
  return shared.started;
}

// Next.js registers its own SIGTERM/SIGINT handlers (close the server, then exit) before the
// instrumentation hook runs; ours go first and hand over to them.
export function installShutdownHandlers(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const theirs = process.listeners(signal);
    process.removeAllListeners(signal);
    process.on(signal, () => {
      void shutdown().then(() => {
        if (theirs.length === 0) process.exit(0);
        for (const listener of theirs) (listener as (signal: NodeJS.Signals) => void)(signal);
      });
    });
  }
}
