import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/auth/permissions";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: Date | null;
  teams: { id: string; name: string }[];
};

const include = { memberships: { include: { team: { select: { id: true, name: true } } } } } as const;

type UserWithTeams = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  memberships: { team: { id: string; name: string } }[];
};

function toUserRow(u: UserWithTeams): UserRow {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: Boolean(u.disabledAt),
    lastLoginAt: u.lastLoginAt,
    teams: u.memberships.map((m) => m.team).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function listUsers(): Promise<UserRow[]> {
  const users = await db.user.findMany({
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { email: "asc" }],
    include,
  });
  return users.map(toUserRow);
}

export async function getUser(id: string): Promise<UserRow | null> {
  const user = await db.user.findUnique({ where: { id }, include });
  return user ? toUserRow(user) : null;
}
