import "server-only";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";

// Developers work on their own teams' apps; ops and admins on every team's (DESIGN.md roles).
export function hasTeamAccess(actor: Pick<CurrentUser, "role" | "teamIds">, teamId: string): boolean {
  return actor.role === "admin" || actor.role === "ops" || actor.teamIds.includes(teamId);
}

export function assertTeamAccess(actor: CurrentUser, teamId: string): void {
  if (!hasTeamAccess(actor, teamId)) {
    throw new AppError("forbidden", "Only members of the app's team may change it.", {
      field: "teamId",
      messageKey: "validation.notTeamMember",
    });
  }
}
