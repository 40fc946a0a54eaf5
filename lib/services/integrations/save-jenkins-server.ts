import "server-only";
import { randomUUID } from "node:crypto";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { sealSecret } from "@/lib/crypto/keys";
import { db, type Prisma } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { JenkinsServerInput } from "@/lib/validations/integration";
import { checkJenkinsAccess, type IntegrationCheck } from "./check-integration";
import { jenkinsTokenPlace, openJenkins } from "./integration-access";
import { unverified } from "./save-registry";
import { newWebhookSecret } from "./webhook-secret";

// Creates or edits a Jenkins server, as saveRegistry does a registry: tried first unless saved
// unverified, the API token sealed, the webhook secret for Jenkinsfiles shown once.
export async function saveJenkinsServer(
  actor: Actor,
  input: JenkinsServerInput,
  context: RequestContext,
): Promise<{ id: string; check: IntegrationCheck | null; webhookSecret: string | null }> {
  const existing = input.id ? await db.jenkinsServer.findUnique({ where: { id: input.id } }) : null;
  if (input.id && !existing) throw new AppError("not_found", "Unknown Jenkins server.", { field: "id" });
  const id = existing?.id ?? randomUUID();
  const token = input.token ?? (existing ? openJenkins(existing).token : null);
  const fields = { name: input.name, url: input.url, username: input.username };
  let check: IntegrationCheck | null = null;
  if (!input.saveUnverified) {
    check = await checkJenkinsAccess({ id, ...fields, token });
    if (!check.ok) throw unverified(check);
  }
  const webhook = existing?.webhookSecretHash ? null : newWebhookSecret();
  const data = {
    ...fields,
    ...(input.token !== undefined ? { tokenEncrypted: sealSecret(input.token, jenkinsTokenPlace(id)) } : {}),
    ...(webhook ? { webhookSecretHash: webhook.hash } : {}),
    ...(check ? { checkedAt: new Date(), checkResult: check as unknown as Prisma.InputJsonValue } : {}),
  };
  try {
    await db.$transaction(async (tx) => {
      if (existing) await tx.jenkinsServer.update({ where: { id }, data });
      else await tx.jenkinsServer.create({ data: { id, ...data } });
      await writeAudit(tx, {
        actor,
        action: existing ? "jenkins.update" : "jenkins.create",
        target: { type: "jenkins_server", id, label: input.name },
        before: existing ? { name: existing.name, url: existing.url, username: existing.username } : undefined,
        after: { ...fields, replaced: input.token !== undefined ? ["token"] : [], verified: Boolean(check) },
        context,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `A Jenkins server named ${input.name} already exists.`, {
        field: "name",
        messageKey: "integrations.nameTaken",
      });
    throw error;
  }
  return { id, check, webhookSecret: webhook?.secret ?? null };
}
