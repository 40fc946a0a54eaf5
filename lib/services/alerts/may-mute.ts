import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { hasTeamAccess } from "@/lib/services/apps/assert-team-access";

// Ops, admins, and the developers of the app's team may mute its alerts; an alert of no known
// app only ops and admins.
export function mayMute(user: CurrentUser, appTeamId: string | null): boolean {
  if (can(user.role, "releases.approve")) return true;
  return appTeamId !== null && can(user.role, "apps.deploy") && hasTeamAccess(user, appTeamId);
}
