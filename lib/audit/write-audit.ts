import "server-only";
import { db, type Prisma, type Tx } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";

export type Actor = { id: string; email: string } | { system: string };

export type AuditInput = {
  actor: Actor;
  action: string;
  target: { type: string; id?: string | null; label?: string | null };
  before?: unknown;
  after?: unknown;
  context?: RequestContext;
};

// Keys whose values never reach the audit history, at any depth.
const SECRET_KEYS = /pass(word)?|secret|token|kubeconfig|private.?key|credential/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        SECRET_KEYS.test(key) ? "[redacted]" : redact(inner),
      ]),
    );
  }
  return value;
}

export function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(redact(value))) as Prisma.InputJsonValue;
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
