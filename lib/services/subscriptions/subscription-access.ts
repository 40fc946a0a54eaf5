import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

// Everyone manages their own subscriptions; ops and admins manage team-wide ones.
export function assertSubscriptionAccess(
  actor: CurrentUser,
  subscription: { ownerId: string; teamId: string | null },
): void {
  if (subscription.teamId) {
    if (!can(actor.role, "subscriptions.team"))
      throw new AppError("forbidden", "Only ops and admins manage team-wide subscriptions.", {
        field: "teamId",
        messageKey: "alerts.teamWideOnly",
      });
    return;
  }
  if (subscription.ownerId !== actor.id)
    throw new AppError("forbidden", "This subscription is someone else's.", { messageKey: "alerts.notYours" });
}
