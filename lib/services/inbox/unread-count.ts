import "server-only";
import { db } from "@/lib/db";

export async function unreadCount(userId: string): Promise<number> {
  return db.inboxItem.count({ where: { userId, readAt: null } });
}
