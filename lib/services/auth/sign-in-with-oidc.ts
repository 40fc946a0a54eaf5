import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/auth/permissions";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";

export type OidcProfile = { subject: string; email: string; name: string };

export type OidcSignInResult =
  | { ok: true; user: { id: string; email: string; sessionVersion: number } }
  | { ok: false; reason: "disabled" | "invalid" };

// Links an SSO identity to a Slipway user: by subject first, then by (verified) email; a
// first-time SSO user is created with the configured default role.
export async function signInWithOidc(
  profile: OidcProfile,
  defaultRole: Role,
  context: RequestContext,
): Promise<OidcSignInResult> {
  if (!profile.subject || !profile.email) return { ok: false, reason: "invalid" };
  const email = profile.email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    let user =
      (await tx.user.findUnique({ where: { oidcSubject: profile.subject } })) ??
      (await tx.user.findUnique({ where: { email } }));
    let created = false;
    if (!user) {
      user = await tx.user.create({
        data: { email, name: profile.name || email, role: defaultRole, oidcSubject: profile.subject },
      });
      created = true;
      await writeAudit(tx, {
        actor: { system: "oidc" },
        action: "user.create",
        target: { type: "user", id: user.id, label: user.email },
        after: { email: user.email, name: user.name, role: user.role, via: "oidc" },
        context,
      });
    } else if (!user.oidcSubject) {
      user = await tx.user.update({ where: { id: user.id }, data: { oidcSubject: profile.subject } });
    }
    if (user.disabledAt) {
      await writeAudit(tx, {
        actor: { id: user.id, email: user.email },
        action: "auth.login_refused_disabled",
        target: { type: "user", id: user.id, label: user.email },
        context,
      });
      return { ok: false, reason: "disabled" } as const;
    }
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await writeAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "auth.login",
      target: { type: "user", id: user.id, label: user.email },
      after: { method: "oidc", created },
      context,
    });
    return { ok: true, user: { id: user.id, email: user.email, sessionVersion: user.sessionVersion } } as const;
  });
}
