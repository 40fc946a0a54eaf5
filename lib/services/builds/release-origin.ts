import "server-only";
import { db } from "@/lib/db";

// Where an auto-deployed release came from: the push (who pushed, to which registry) that
// started it.
export async function releaseOrigin(releaseId: string) {
  const origin = await db.autoDeploy.findUnique({
    where: { releaseId },
    select: { pushedBy: true, registryName: true, tag: true },
  });
  return origin ? { pushedBy: origin.pushedBy, registry: origin.registryName, tag: origin.tag } : null;
}
