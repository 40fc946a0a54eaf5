import "server-only";
import { afterResponse } from "@/lib/after-response";
import { processHarborEvent } from "./process-harbor-event";

// A stored event is worked on as soon as the answer has gone out, so a push reaches its
// release within a second; the job queue is the safety net when this process stops first.
export function startHarborEvent(eventId: string): void {
  afterResponse(() =>
    processHarborEvent(eventId)
      .then(() => undefined)
      .catch((error: unknown) => console.error(`harbor event ${eventId}: left to the job queue`, error)),
  );
}
