import "server-only";
import { randomUUID } from "node:crypto";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { sealSecret } from "@/lib/crypto/keys";
import { db, type Prisma } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import type { RegistryInput } from "@/lib/validations/integration";
import { checkRegistryAccess, type IntegrationCheck } from "./check-integration";
import { openRegistry, registrySecretPlace } from "./integration-access";
import { newWebhookSecret } from "./webhook-secret";

// The check's failure as a form error on the URL, in the reader's language.
export function unverified(check: IntegrationCheck): AppError {
  return new AppError("invalid_input", check.error?.message ?? "The connection test failed.", {
    field: "url",
    messageKey: check.error?.key ?? "integrations.error.unexpected",
    values: check.error?.values ?? {},
  });
}

// Creates or edits a registry. Unless the admin chose "save unverified", the URL and
// credentials are tried first and nothing is saved when they do not work. The secret is sealed;
// the audit row says only whether it was replaced. A new Harbor gets its webhook secret, shown
// this once.
export async function saveRegistry(
  actor: Actor,
  input: RegistryInput,
  context: RequestContext,
): Promise<{ id: string; check: IntegrationCheck | null; webhookSecret: string | null }> {
  const existing = input.id ? await db.registry.findUnique({ where: { id: input.id } }) : null;
  if (input.id && !existing) throw new AppError("not_found", "Unknown registry.", { field: "id" });
  const id = existing?.id ?? randomUUID();
  const secret = input.secret ?? (existing ? openRegistry(existing).secret : null);
  const fields = {
    name: input.name,
    kind: input.kind,
    url: input.url,
    tokenUrl: input.tokenUrl ?? null,
    username: input.username ?? null,
  };
  let check: IntegrationCheck | null = null;
  if (!input.saveUnverified) {
    check = await checkRegistryAccess({ id, ...fields, secret });
    if (!check.ok) throw unverified(check);
  }
  const webhook = input.kind === "harbor" && !existing?.webhookSecretHash ? newWebhookSecret() : null;
  const data = {
    ...fields,
    ...(input.secret !== undefined ? { secretEncrypted: sealSecret(input.secret, registrySecretPlace(id)) } : {}),
    ...(webhook ? { webhookSecretHash: webhook.hash } : {}),
    ...(check ? { checkedAt: new Date(), checkResult: check as unknown as Prisma.InputJsonValue } : {}),
  };
  try {
    await db.$transaction(async (tx) => {
      if (existing) await tx.registry.update({ where: { id }, data });
      else await tx.registry.create({ data: { id, ...data } });
      await writeAudit(tx, {
        actor,
        action: existing ? "registry.update" : "registry.create",
        target: { type: "registry", id, label: input.name },
        before: existing
          ? {
              name: existing.name,
              kind: existing.kind,
              url: existing.url,
              tokenUrl: existing.tokenUrl,
              username: existing.username,
            }
          : undefined,
        after: { ...fields, replaced: input.secret !== undefined ? ["secret"] : [], verified: Boolean(check) },
        context,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `A registry named ${input.name} already exists.`, {
        field: "name",
        messageKey: "integrations.nameTaken",
      });
    throw error;
  }
  return { id, check, webhookSecret: webhook?.secret ?? null };
}
