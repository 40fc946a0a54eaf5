import "server-only";
import { db } from "@/lib/db";
import { isStoredMessage } from "@/lib/i18n/stored-message";
import type { RequestContext } from "@/lib/request-context";
import { loadManifest } from "./manifest-store";
import { renderDeploy } from "./render-deploy";
import { startDeploy } from "./start-deploy";
import type { StartedRelease } from "./start-release";

// Deploys an approved request: a release requested by the developer and approved by ops, the
// approver's audit row. Run right after the approval and, until the request has its release,
// by its job (release-jobs.ts). The request records its release in the transaction that opens
// it, so however often this runs, one release comes of it. Throws a conflict while another
// release holds the lock.
export async function executeReleaseRequest(
  requestId: string,
  context?: RequestContext,
): Promise<StartedRelease | null> {
  const request = await db.releaseRequest.findUniqueOrThrow({ where: { id: requestId } });
  if (request.status !== "approved" || request.releaseId || !request.decidedById || !request.decidedByLabel)
    return null;
  if (!request.manifestHash) throw new Error(`request ${request.id} captured no manifest`);
  // The app, environment and image as they are; the objects exactly as captured at request
  // time and approved (decide-release-request.ts refused the approval had they gone stale).
  const rendered = await renderDeploy(request.appId, request.environmentId, request.tag, request.digest ?? undefined);
  const objects = await loadManifest(request.manifestHash);
  return startDeploy({
    rendered: { ...rendered, objects },
    actor: { id: request.decidedById, email: request.decidedByLabel },
    actorLabel: request.requestedByLabel,
    trigger: "approval",
    approvedByLabel: request.decidedByLabel,
    description: request.description,
    ...(isStoredMessage(request.descriptionMessage) ? { descriptionMessage: request.descriptionMessage } : {}),
    takeOver: false,
    ...(context ? { context } : {}),
    alsoInTransaction: async (tx, release) => {
      const { count } = await tx.releaseRequest.updateMany({
        where: { id: request.id, releaseId: null },
        data: { releaseId: release.id },
      });
      if (count === 0) throw new Error(`request ${request.id} was deployed meanwhile`);
    },
  });
}
