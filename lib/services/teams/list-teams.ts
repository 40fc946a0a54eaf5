import "server-only";
import { db } from "@/lib/db";

export type TeamRow = {
  id: string;
  name: string;
  displayName: string;
  members: { id: string; email: string; name: string }[];
};

export async function listTeams(): Promise<TeamRow[]> {
  const teams = await db.team.findMany({
    orderBy: { name: "asc" },
    include: { memberships: { include: { user: { select: { id: true, email: true, name: true } } } } },
  });
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    displayName: t.displayName,
    members: t.memberships.map((m) => m.user).sort((a, b) => a.email.localeCompare(b.email)),
  }));
}
