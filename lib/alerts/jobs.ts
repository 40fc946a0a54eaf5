import "server-only";
import { defineJob } from "@/lib/jobs/define-job";
import { sendJob } from "@/lib/jobs/send-job";
import { deliverMessage } from "@/lib/services/notifications/deliver-message";

// Sends one alert message (lib/services/notifications/deliver-message.ts). The message row, not
// the job, decides whether anything is sent, so a repeated or early job is harmless: a failed
// send throws and pg-boss retries with backoff; a rate limit, a window not yet due or another
// sender's claim queue the job again for when it can go.
export const alertMessageJob = defineJob<{ messageId: string }>(
  "alert-message",
  {
    policy: "standard",
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 300,
    concurrency: 4,
  },
  async ({ messageId }) => {
    const next = await deliverMessage(messageId);
    if (next.kind === "retry") throw new Error(`alert message ${messageId} was not delivered; retrying`);
    if (next.kind === "later") await sendJob(alertMessageJob, { messageId }, { startAfter: next.seconds });
  },
);
