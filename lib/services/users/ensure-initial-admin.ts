import "server-only";
import { db } from "@/lib/db";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { writeAudit } from "@/lib/audit/write-audit";
import { ZEmailSchema } from "@/lib/validations/auth";
import { MIN_PASSWORD_LENGTH_VALUE } from "@/lib/validations/limits";

export type InitialAdmin = { email: string; password: string; generated: boolean } | null;

// On the very first start (no users at all) creates the admin: the password comes from
// SLIPWAY_ADMIN_PASSWORD or is generated and returned so the caller prints it once. There is
// no built-in default password.
export async function ensureInitialAdmin(options: { email?: string; password?: string }): Promise<InitialAdmin> {
  const email = ZEmailSchema.parse(options.email || "admin@slipway.local");
  if (options.password !== undefined && options.password.length < MIN_PASSWORD_LENGTH_VALUE) {
    throw new Error(`SLIPWAY_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH_VALUE} characters`);
  }
  const password = options.password || generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // Serialises concurrent first starts of several replicas.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7270736902)`;
    if ((await tx.user.count()) > 0) return null;
    const admin = await tx.user.create({ data: { email, name: "Administrator", role: "admin", passwordHash } });
    await writeAudit(tx, {
      actor: { system: "bootstrap" },
      action: "user.create",
      target: { type: "user", id: admin.id, label: admin.email },
      after: { email: admin.email, role: "admin", passwordSource: options.password ? "environment" : "generated" },
    });
    return { email, password, generated: !options.password };
  });
}
