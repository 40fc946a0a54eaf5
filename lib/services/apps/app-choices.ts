import "server-only";
import { db } from "@/lib/db";
import type { AppChoice } from "./search-apps";

// The apps a page already names by id (a filter in its URL, a subscription's apps), to show them
// by name without loading every app. Ids of apps that no longer exist are left out.
export async function appChoices(ids: readonly string[]): Promise<AppChoice[]> {
  if (ids.length === 0) return [];
  const apps = await db.app.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true, team: { select: { name: true } } },
  });
  return apps.map((app) => ({ id: app.id, name: app.name, team: app.team.name }));
}
