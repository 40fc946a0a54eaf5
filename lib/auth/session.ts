import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/lib/db";
import { getAuthOptions } from "./options";
import type { Role } from "./permissions";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  teamIds: string[];
};

// The signed-in user, read once per request. The database is asked every time, so a user who
// was disabled, deleted or whose sessions were revoked (sessionVersion bumped) is refused at
// the next request even though their session cookie is still valid.
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, include: { memberships: { select: { teamId: true } } } });
  if (!user || user.disabledAt || user.sessionVersion !== session.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    teamIds: user.memberships.map((m) => m.teamId),
  };
});
