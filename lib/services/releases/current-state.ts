import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { STABLE_KINDS } from "@/lib/services/canary/canary-state";
import { loadManifest } from "./manifest-store";

// Scale and restart change what runs now; their objects are the last succeeded release's,
// adjusted. Not the last release's: a deploy that failed before its Deployment was applied (the
// API server down, a conflict) did not change what runs, and a scale recording its image would
// claim an image that never ran, and roll it out when rolled back to.
export async function currentState(appId: string, environmentId: string) {
  const last = await db.release.findFirst({
    where: { appId, environmentId, status: "succeeded", kind: { in: [...STABLE_KINDS] } },
    orderBy: { number: "desc" },
    include: { app: { include: { team: true } }, environment: true },
  });
  if (!last)
    throw new AppError("invalid_input", "Nothing is deployed in this environment yet.", {
      field: "release",
      messageKey: "releases.nothingDeployed",
    });
  return { last, objects: await loadManifest(last.manifestHash) };
}
