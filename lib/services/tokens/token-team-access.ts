import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { assertTeamAccess } from "@/lib/services/apps/assert-team-access";

// Who manages a team's pipeline tokens: whoever may deploy the team's apps (its developers,
// ops and admins), through the pages; a token reaches only the release routes.
export function assertTokenAccess(actor: CurrentUser, teamId: string): void {
  if (!can(actor.role, "apps.deploy"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not manage pipeline tokens.`, {
      messageKey: "releases.forbidden",
      values: { role: actor.role },
    });
  assertTeamAccess(actor, teamId);
}
