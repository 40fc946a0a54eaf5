import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// Where a request's time goes, as a `Server-Timing` header (the browser's network panel shows
// it; bench/deploy prints it). Route handlers open a record with `withServerTiming`; code
// anywhere below marks its phases with `timed`, which costs nothing outside such a request.
type Phase = { name: string; ms: number };

const store = new AsyncLocalStorage<Phase[]>();

export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const phases = store.getStore();
  if (!phases) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases.push({ name, ms: performance.now() - started });
  }
}

export async function withServerTiming(work: () => Promise<Response>): Promise<Response> {
  const phases: Phase[] = [];
  const started = performance.now();
  const response = await store.run(phases, work);
  phases.push({ name: "total", ms: performance.now() - started });
  try {
    response.headers.set("Server-Timing", serverTimingHeader(phases));
  } catch {
    // A response with immutable headers (a redirect, say) goes out without the figures.
  }
  return response;
}

function serverTimingHeader(phases: Phase[]): string {
  return phases.map((phase) => `${phase.name};dur=${phase.ms.toFixed(1)}`).join(", ");
}

export function parseServerTiming(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().split(";");
    const duration = params.map((param) => /^dur=([\d.]+)$/.exec(param.trim())?.[1]).find(Boolean);
    if (name && duration !== undefined) out[name] = (out[name] ?? 0) + Number(duration);
  }
  return out;
}
