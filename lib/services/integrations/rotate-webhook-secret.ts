import "server-only";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { IntegrationRef } from "@/lib/validations/integration";
import { newWebhookSecret } from "./webhook-secret";

// A new webhook secret, shown once; the old one stops working at once. Audited without it.
export async function rotateWebhookSecret(
  actor: Actor,
  ref: IntegrationRef,
  context: RequestContext,
): Promise<{ webhookSecret: string }> {
  const { secret, hash } = newWebhookSecret();
  await db.$transaction(async (tx) => {
    const found =
      ref.kind === "registry"
        ? await tx.registry.findUnique({ where: { id: ref.id }, select: { name: true, kind: true } })
        : await tx.jenkinsServer.findUnique({ where: { id: ref.id }, select: { name: true } });
    if (!found) throw new AppError("not_found", "Unknown integration.", { field: "id" });
    if (ref.kind === "registry") await tx.registry.update({ where: { id: ref.id }, data: { webhookSecretHash: hash } });
    else await tx.jenkinsServer.update({ where: { id: ref.id }, data: { webhookSecretHash: hash } });
    await writeAudit(tx, {
      actor,
      action: `${ref.kind}.webhook-secret`,
      target: { type: ref.kind === "registry" ? "registry" : "jenkins_server", id: ref.id, label: found.name },
      after: { rotated: true },
      context,
    });
  });
  return { webhookSecret: secret };
}
