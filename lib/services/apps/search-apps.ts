import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { APP_PICKER_LIMIT } from "@/lib/apps/picker-limit";
import type { AppSearch } from "@/lib/validations/app-picker";

export type AppChoice = { id: string; name: string; team: string };

const like = (text: string) => text.replace(/[\\%_]/g, "\\$&");

// The apps an app picker offers for what the reader typed: at most APP_PICKER_LIMIT, those whose
// name starts with it first, then by team and name. `team` keeps to one team's apps (a team
// subscription, a team's filter). Every role reads every app (DESIGN.md roles), so the only
// narrowing is the one asked for; what a reader may change is checked where it is changed.
export async function searchApps(search: AppSearch): Promise<AppChoice[]> {
  const where: Prisma.Sql[] = [Prisma.sql`true`];
  const q = search.q ?? "";
  // "team/name" as shown in the picker, or part of either.
  if (q) where.push(Prisma.sql`(t.name || '/' || a.name) ILIKE ${`%${like(q)}%`}`);
  if (search.team) where.push(Prisma.sql`a.team_id = ${search.team}::uuid`);
  return db.$queryRaw<AppChoice[]>`
    SELECT a.id::text AS id, a.name, t.name AS team
    FROM apps a JOIN teams t ON t.id = a.team_id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY (a.name ILIKE ${`${like(q)}%`}) DESC, t.name, a.name, a.id
    LIMIT ${APP_PICKER_LIMIT}`;
}
