import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { notify } from "@/lib/db/listen";
import type { RequestContext } from "@/lib/request-context";
import { INBOX_CHANNEL } from "@/lib/services/notifications/record-delivery";

// Marks the reader's own unread entries as read; every open console of theirs updates its bell.
export async function markInboxRead(actor: CurrentUser, context: RequestContext): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.inboxItem.updateMany({
      where: { userId: actor.id, readAt: null },
      data: { readAt: new Date() },
    });
    if (count === 0) return 0;
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "inbox.read",
      target: { type: "user", id: actor.id, label: actor.email },
      after: { entries: count },
      context,
    });
    await notify(tx, INBOX_CHANNEL, actor.id);
    return count;
  });
}
