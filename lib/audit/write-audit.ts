import "server-only";
import { db, type Prisma, type Tx } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import { maskSecrets } from "@/lib/secrets/mask";

export type Actor = { id: string; email: string } | { system: string };

export type AuditInput = {
  actor: Actor;
  action: string;
  target: { type: string; id?: string | null; label?: string | null };
  // The app (and environment) the action concerns, for the history's filters.
  scope?: { appId: string; environmentId?: string };
  before?: unknown;
  after?: unknown;
  context?: RequestContext;
};

// Credential values and Secret data never reach the audit history, at any depth.
export function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(maskSecrets(value, { credentialKeys: true }))) as Prisma.InputJsonValue;
}

// Who an audit row names: a person by id and email, or a system part.
export function actorColumns(actor: Actor): { actorId: string | null; actorLabel: string } {
  return "id" in actor
    ? { actorId: actor.id, actorLabel: actor.email }
    : { actorId: null, actorLabel: `system:${actor.system}` };
}

// Writes one AuditEvent inside the caller's transaction: the change and its record commit or
// roll back together.
export async function writeAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      ...actorColumns(input.actor),
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id ?? null,
      targetLabel: input.target.label ?? null,
      appId: input.scope?.appId ?? null,
      environmentId: input.scope?.environmentId ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
      requestId: input.context?.requestId ?? null,
      ip: input.context?.ip ?? null,
    },
  });
}

// An audit row that records an event rather than a change (a sign-in, a refused attempt): written
// on its own.
export async function recordAuditEvent(input: AuditInput): Promise<void> {
  await db.$transaction((tx) => writeAudit(tx, input));
}
