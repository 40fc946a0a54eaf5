import "server-only";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { assertTeamAccess } from "@/lib/services/apps/assert-team-access";

// DESIGN.md roles: deploy, roll back and restart need the team (ops and admins have every
// team); a developer's deploy to a protected environment becomes a request; scaling is ops'.
export function releaseAccess(
  actor: CurrentUser,
  teamId: string,
  environment: { protected: boolean },
  what: "deploy" | "scale",
): "direct" | "request" {
  if (!can(actor.role, what === "scale" ? "apps.scale" : "apps.deploy"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not do this.`, {
      messageKey: "releases.forbidden",
      values: { role: actor.role },
    });
  assertTeamAccess(actor, teamId);
  if (environment.protected && !can(actor.role, "releases.approve")) {
    if (what !== "deploy")
      throw new AppError("forbidden", "Only ops or an admin may change a protected environment directly.", {
        messageKey: "releases.protectedOnly",
      });
    return "request";
  }
  return "direct";
}

// The same rule for pages deciding which controls to show: what releaseAccess would answer,
// or null where it would refuse.
export function releaseMode(
  actor: CurrentUser,
  teamId: string,
  environment: { protected: boolean },
  what: "deploy" | "scale",
): "direct" | "request" | null {
  try {
    return releaseAccess(actor, teamId, environment, what);
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return null;
    throw error;
  }
}
