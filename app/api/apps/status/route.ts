import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { onShutdown } from "@/lib/shutdown";
import { readAppStatuses } from "@/lib/services/apps/read-app-statuses";
import { watchAppStatuses } from "@/lib/services/apps/watch-app-statuses";
import { ZAppStatusIdsSchema } from "@/lib/validations/app-list";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
// Release changes come in bursts (a rollout records several steps): one read per burst.
const COALESCE_MS = 150;

// Server-Sent Events with the status cells of the apps on the reader's page (`ids`, at most one
// page): the cells that changed, whenever any Slipway process records a release change.
export const GET = withRoute("console.read", async (request) => {
  const ids = ZAppStatusIdsSchema.safeParse((new URL(request.url).searchParams.get("ids") ?? "").split(","));
  if (!ids.success) throw new AppError("invalid_input", "ids: up to 50 app ids, comma-separated.", { field: "ids" });
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const last = new Map<string, string>();
      const read = async () => {
        const cells = await readAppStatuses(ids.data);
        const changed: Record<string, unknown> = {};
        for (const [id, appCells] of cells) {
          const data = JSON.stringify(appCells);
          if (last.get(id) !== data) changed[id] = appCells;
          last.set(id, data);
        }
        if (!closed && Object.keys(changed).length > 0)
          controller.enqueue(encoder.encode(`event: cells\ndata: ${JSON.stringify(changed)}\n\n`));
      };
      let timer: NodeJS.Timeout | undefined;
      const schedule = () => {
        if (closed || timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          if (!closed) void read().catch(() => stop());
        }, COALESCE_MS);
      };
      const unsubscribe = await watchAppStatuses(schedule);
      const heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
      }, HEARTBEAT_MS);
      const unhook = onShutdown(() => stop());
      stop = () => {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        clearInterval(heartbeat);
        unsubscribe();
        unhook();
        controller.close();
      };
      request.signal.addEventListener("abort", stop);
      // The page was rendered before LISTEN: this first read sends what changed in between.
      await read();
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
