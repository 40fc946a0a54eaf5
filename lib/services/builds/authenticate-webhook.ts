import "server-only";
import { recordAuditEvent } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { ZIdSchema } from "@/lib/validations/common";
import { webhookSecretMatches } from "@/lib/services/integrations/webhook-secret";

// The integration a webhook delivery is for, when its Authorization carries that integration's
// secret (compared in constant time). Otherwise 401, and the refusal's only trace is its audit
// row: who called, from where, why; nothing of the delivery is stored. An integration that is
// not there (deleted, or never was) is 404 and leaves no trace at all: a Harbor or Jenkinsfile
// still calling a deleted integration is not an attack worth an audit row per delivery.
export async function authenticateWebhook(
  source: "harbor" | "jenkins",
  integrationId: string,
  authorization: string | null,
  context: RequestContext,
): Promise<{ id: string; name: string }> {
  const id = ZIdSchema.safeParse(integrationId);
  const select = { id: true, name: true, webhookSecretHash: true } as const;
  const found = !id.success
    ? null
    : source === "harbor"
      ? await db.registry.findUnique({ where: { id: id.data }, select })
      : await db.jenkinsServer.findUnique({ where: { id: id.data }, select });
  if (!found)
    throw new AppError("not_found", `No ${source === "harbor" ? "registry" : "Jenkins server"} ${integrationId}.`);
  if (webhookSecretMatches(authorization, found.webhookSecretHash)) return { id: found.id, name: found.name };
  await recordAuditEvent({
    actor: { system: `${source}-webhook` },
    action: "webhook.refused",
    target: { type: source === "harbor" ? "registry" : "jenkins_server", id: found.id, label: found.name },
    after: { reason: "wrong or missing secret" },
    context,
  });
  throw new AppError("unauthenticated", "Wrong or missing secret.");
}
