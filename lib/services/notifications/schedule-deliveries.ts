import "server-only";
import type { Tx } from "@/lib/db";
import type { OpenedMessages } from "./open-messages";

// Queues the delivery jobs for freshly opened messages inside the ingest transaction, so a job
// exists exactly when its message does: urgent ones shortly after (a safety net behind the
// ingest's own attempt), digests when their window closes.
export async function scheduleDeliveries(_tx: Tx, _opened: OpenedMessages): Promise<void> {
  // Wired to the job queue (lib/jobs) once it is on main.
}
