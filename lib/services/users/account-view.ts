import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";

// What the settings page shows signed-in users about their own account: whether they have a
// password here (not when they sign in with company SSO only) and their teams.
export async function accountView(user: CurrentUser) {
  const row = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: {
      passwordHash: true,
      memberships: { select: { team: { select: { name: true, displayName: true } } } },
    },
  });
  return {
    hasPassword: Boolean(row.passwordHash),
    teams: row.memberships
      .map((membership) => membership.team.displayName || membership.team.name)
      .sort((a, b) => a.localeCompare(b)),
  };
}
