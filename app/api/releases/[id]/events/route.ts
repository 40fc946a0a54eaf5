import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { onShutdown } from "@/lib/shutdown";
import { releaseLiveState, type ReleaseLiveState } from "@/lib/services/releases/release-view";
import { subscribeLiveRelease } from "@/lib/services/releases/live-release-hub";
import { ZIdSchema } from "@/lib/validations/common";
import { isFinalStatus } from "@/lib/validations/release-status";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

// Server-Sent Events for one release: its state now, then again whenever any Slipway process
// records a change (PostgreSQL NOTIFY), until it has finished or the browser goes away.
export const GET = withRoute("console.read", async (request, { params }) => {
  const id = params.id ?? "";
  if (!ZIdSchema.safeParse(id).success) throw new AppError("invalid_input", "Invalid release id.", { field: "id" });
  const first = await releaseLiveState(id);
  if (!first) throw new AppError("not_found", "Unknown release.", { field: "id" });
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      // Timeline entries already sent; each message carries the state and the entries after.
      let lastEventId: string | undefined;
      let lastSent = "";
      let unsubscribe = () => {};
      let unhook = () => {};
      let heartbeat: NodeJS.Timeout | undefined;
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        unhook();
        controller.close();
      };
      const send = (state: ReleaseLiveState) => {
        if (closed) return;
        lastEventId = state.timeline.at(-1)?.id ?? lastEventId;
        const data = JSON.stringify(state);
        if (data === lastSent) return;
        lastSent = data;
        controller.enqueue(encoder.encode(`event: state\ndata: ${data}\n\n`));
        if (isFinalStatus(state.status)) stop();
      };
      send(first);
      if (closed) return;
      request.signal.addEventListener("abort", stop);
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
      }, HEARTBEAT_MS);
      // A stopping process ends its streams (the browser reconnects to another replica).
      unhook = onShutdown(() => stop());
      // Reads are shared with every other page following this release in this process; the
      // hub reads once more on joining, so a change since the first read is not lost.
      const off = await subscribeLiveRelease(id, { lastEventId: () => lastEventId, send, fail: () => stop() });
      if (closed) off();
      else unsubscribe = off;
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
