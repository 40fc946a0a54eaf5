import "server-only";
import { alertMessageJob } from "@/lib/alerts/jobs";
import type { Tx } from "@/lib/db";
import { sendJob } from "@/lib/jobs/send-job";
import type { OpenedMessages } from "./open-messages";

// An urgent message goes out from the ingesting process at once; its job is the safety net for
// when that process dies or the send must be retried.
const URGENT_SAFETY_NET_SECONDS = 15;

// Queues the delivery jobs of freshly opened messages inside the ingest transaction, so a job
// exists exactly when its message does: urgent ones as a safety net, digests for when their
// window closes. No timer in any process: a restart or another replica finds the job.
export async function scheduleDeliveries(tx: Tx, opened: OpenedMessages): Promise<void> {
  for (const messageId of opened.urgent)
    await sendJob(alertMessageJob, { messageId }, { tx, startAfter: URGENT_SAFETY_NET_SECONDS });
  for (const window of opened.windows)
    await sendJob(alertMessageJob, { messageId: window.id }, { tx, startAfter: window.dueAt });
}
