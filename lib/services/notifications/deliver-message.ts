import "server-only";
import { loadAlertingSettings } from "@/lib/services/alerting/load-alerting-settings";
import { claimMessage } from "./claim-message";
import { loadMessage } from "./load-message";
import { recordDelivery, recordInterrupted, type Next } from "./record-delivery";
import { sendToChannel } from "./send-to-channel";

// Delivers one message at most once, whoever calls it and however often (the delivery job, the
// ingest's fast path for urgent alerts, a second replica): claim, send, record. The answer says
// what the queue should do next: nothing, retry with backoff, or come back later (a rate limit,
// a window not yet due, another sender's claim).
export async function deliverMessage(messageId: string): Promise<Next> {
  const claim = await claimMessage(messageId);
  if (claim.kind === "done") return claim;
  if (claim.kind === "later")
    return { kind: "later", seconds: Math.max(1, Math.ceil((claim.at.getTime() - Date.now()) / 1000)) };
  if (claim.kind === "interrupted") {
    await recordInterrupted(messageId);
    return { kind: "done" };
  }
  const [message, settings] = await Promise.all([loadMessage(messageId), loadAlertingSettings()]);
  const result = await sendToChannel(message, settings);
  return recordDelivery(message, claim.attemptId, result);
}
