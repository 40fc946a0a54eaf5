import "server-only";
import { handleJob } from "@/lib/jobs/define-job";
import { canaryPromotionJob } from "@/lib/services/canary/canary-jobs";
import { finishCanaryPromotion } from "@/lib/services/canary/finish-canary-promotion";

// The canary's background work, for the registry (lib/jobs/registry.ts).
export const canaryPromotion = handleJob(canaryPromotionJob, ({ releaseId }) => finishCanaryPromotion(releaseId));
