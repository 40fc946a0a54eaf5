import { withRoute } from "@/lib/api/with-route";
import { notifications } from "@/lib/db/listen";
import { AppError } from "@/lib/errors";
import { RELEASE_CHANNEL } from "@/lib/services/releases/release-store";
import { releaseLiveState } from "@/lib/services/releases/release-view";
import { ZIdSchema } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

const FINAL = new Set(["succeeded", "failed", "superseded"]);
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
      let sending = Promise.resolve();
      let last = "";
      const send = (state: NonNullable<Awaited<ReturnType<typeof releaseLiveState>>>) => {
        const data = JSON.stringify(state);
        if (data === last || closed) return;
        last = data;
        controller.enqueue(encoder.encode(`event: state\ndata: ${data}\n\n`));
        if (FINAL.has(state.status)) stop();
      };
      const unsubscribe = await notifications().subscribe(RELEASE_CHANNEL, (payload) => {
        if (payload !== id || closed) return;
        sending = sending.then(async () => {
          const state = await releaseLiveState(id);
          if (state) send(state);
        });
      });
      const heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
      }, HEARTBEAT_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        controller.close();
      };
      request.signal.addEventListener("abort", stop);
      // Read again after subscribing, so a change between the first read and LISTEN is not lost.
      send(first);
      const again = await releaseLiveState(id);
      if (again) send(again);
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
