import "server-only";
import { db } from "@/lib/db";

export async function wecomUserIdOf(userId: string): Promise<string> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { wecomUserId: true } });
  return user?.wecomUserId ?? "";
}
