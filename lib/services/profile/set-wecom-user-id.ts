import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";

// Binds (or with an empty id unbinds) the person's WeCom user id: alert messages to people go
// there, and group robots mention them by it.
export async function setWecomUserId(actor: CurrentUser, wecomUserId: string, context: RequestContext): Promise<void> {
  const next = wecomUserId || null;
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { wecomUserId: true } });
    if (before.wecomUserId === next) return;
    await tx.user.update({ where: { id: actor.id }, data: { wecomUserId: next } });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "user.set_wecom_user_id",
      target: { type: "user", id: actor.id, label: actor.email },
      before: { wecomUserId: before.wecomUserId },
      after: { wecomUserId: next },
      context,
    });
  });
}
