import "server-only";
import { defineJob } from "@/lib/jobs/define-job";
import { sendJob } from "@/lib/jobs/send-job";
import { followJenkinsBuild } from "@/lib/services/builds/follow-jenkins-build";
import { processHarborEvent } from "@/lib/services/builds/process-harbor-event";

// A stored Harbor event: processed right after the webhook's answer in the process that took
// it (a push should reach its release within a second); this job, queued with the event and
// due a little later, is the net for a process that stopped first, a release that was still
// running (the lock) and a registry that was down. Idempotent: an event done is left alone.
export const harborEventJob = defineJob<{ eventId: string }>(
  "harbor-event",
  { retryLimit: 8, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, policy: "standard" },
  async ({ eventId }) => {
    if ((await processHarborEvent(eventId)) === "retry")
      throw new Error(`harbor event ${eventId}: a release is running or a peer is down; trying again later`);
  },
);

// Seconds after the webhook's answer at which the job looks at an event.
export const HARBOR_EVENT_BACKSTOP_SECONDS = 10;

// A build started with the Build button, looked at every few seconds from its queue item to its
// result: each run takes one look and queues the next while the build goes on.
export const jenkinsBuildJob = defineJob<{ buildId: string }>(
  "jenkins-build",
  { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 120, policy: "short" },
  async ({ buildId }) => {
    if ((await followJenkinsBuild(buildId)) === "again")
      await sendJob(jenkinsBuildJob, { buildId }, { singletonKey: buildId, startAfter: JENKINS_POLL_SECONDS });
  },
);

export const JENKINS_POLL_SECONDS = 3;
