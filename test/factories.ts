// Test data written through the real services, so every row is what the app itself writes.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { createUser } from "@/lib/services/users/create-user";

export const context = { requestId: "test-request", ip: "127.0.0.1" };

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.test`;
}

export async function makeUser(
  role: Role = "developer",
  password = "correct horse battery",
): Promise<CurrentUser & { password: string }> {
  const email = uniqueEmail(role);
  const created = await createUser(
    { system: "test" },
    { email, name: `Test ${role}`, role, password, teamIds: [] },
    context,
  );
  return { id: created.id, email, name: `Test ${role}`, role, locale: null, timeZone: null, teamIds: [], password };
}

export async function auditCount(where: { action?: string; targetId?: string } = {}): Promise<number> {
  return db.auditEvent.count({ where });
}
