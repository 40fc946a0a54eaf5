import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db, type Prisma } from "@/lib/db";
import type { StoredMessage } from "@/lib/i18n/stored-message";
import type { RequestContext } from "@/lib/request-context";
import type { DeployInput } from "@/lib/validations/release";
import { notify } from "@/lib/db/listen";
import { sealManifest } from "./manifest-store";
import { previewDeploy } from "./preview-deploy";
import { RELEASE_CHANNEL } from "./release-store";
import type { renderDeploy } from "./render-deploy";
import { requestFingerprint } from "./request-fingerprint";

// A developer's deploy to a protected environment: stored, audited, shown to ops and admins.
// It captures exactly what would ship (issue 9): the rendered objects as a manifest (Secret data
// sealed), the diff against the live objects with Secret values masked, which the approver
// reads, and the fingerprint of the parameters and template they came from. Approval applies
// that manifest, or refuses when the fingerprint changed since.
export async function requestDeploy(
  actor: CurrentUser,
  input: DeployInput,
  rendered: Awaited<ReturnType<typeof renderDeploy>>,
  context: RequestContext,
  descriptionMessage?: StoredMessage,
): Promise<string> {
  const { target } = rendered;
  const preview = await previewDeploy(actor, {
    appId: target.app.id,
    environmentId: target.environment.id,
    tag: input.tag,
    digest: rendered.digest ?? undefined,
  });
  const diff = {
    image: preview.image,
    namespace: preview.namespace,
    changes: preview.changes,
    conflicts: preview.conflicts,
    ...(preview.clusterError ? { clusterError: preview.clusterError } : {}),
  };
  const manifest = sealManifest(rendered.objects);
  const fingerprint = requestFingerprint(target);
  return db.$transaction(async (tx) => {
    await tx.manifest.createMany({ data: [manifest], skipDuplicates: true });
    const request = await tx.releaseRequest.create({
      data: {
        appId: target.app.id,
        environmentId: target.environment.id,
        tag: input.tag,
        digest: input.digest ?? null,
        description: input.description,
        ...(descriptionMessage ? { descriptionMessage: descriptionMessage as Prisma.InputJsonValue } : {}),
        requestedById: actor.id,
        requestedByLabel: actor.email,
        manifestHash: manifest.hash,
        diff: diff as unknown as Prisma.InputJsonValue,
        ...fingerprint,
      },
    });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "release.request",
      target: {
        type: "release_request",
        id: request.id,
        label: `${target.app.team.name}/${target.app.name} ${target.environment.name}`,
      },
      after: { tag: input.tag, digest: input.digest, description: input.description, manifest: manifest.hash },
      context,
    });
    await notify(tx, RELEASE_CHANNEL, request.id);
    return request.id;
  });
}
