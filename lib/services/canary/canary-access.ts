import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { hasTeamAccess } from "@/lib/services/apps/assert-team-access";

// DESIGN.md roles: testers switch any canary on and off (they test every team's apps);
// starting, promoting and aborting are the team's developers', ops' and admins'. Viewers only read.
export function canaryAccess(actor: CurrentUser, teamId: string, what: "switch" | "manage"): void {
  if (!can(actor.role, what === "switch" ? "canary.toggle" : "canary.promote"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not do this.`, {
      messageKey: "releases.forbidden",
      values: { role: actor.role },
    });
  if (actor.role === "tester" && what === "switch") return;
  if (!hasTeamAccess(actor, teamId))
    throw new AppError("forbidden", "Only members of the app's team may change its canary.", {
      field: "teamId",
      messageKey: "validation.notTeamMember",
    });
}

// The same rule for pages deciding which controls to show.
export function mayCanary(actor: CurrentUser, teamId: string, what: "switch" | "manage"): boolean {
  try {
    canaryAccess(actor, teamId, what);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return false;
    throw error;
  }
}
