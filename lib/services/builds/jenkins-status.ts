import "server-only";
import type { JenkinsBuildStatus } from "@/lib/generated/prisma/enums";

const BY_RESULT: Record<string, JenkinsBuildStatus> = {
  SUCCESS: "succeeded",
  UNSTABLE: "unstable",
  FAILURE: "failed",
  ABORTED: "aborted",
  NOT_BUILT: "not_built",
};

// Jenkins' result of a finished build as Slipway's status; no result yet: running.
export function statusOfResult(result: string | null | undefined): JenkinsBuildStatus {
  return (result && BY_RESULT[result]) || (result ? "failed" : "running");
}

export const FINAL_BUILD_STATUSES: JenkinsBuildStatus[] = [
  "succeeded",
  "unstable",
  "failed",
  "aborted",
  "not_built",
  "cancelled",
  "lost",
];
