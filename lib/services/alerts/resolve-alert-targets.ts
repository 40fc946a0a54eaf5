import "server-only";
import {
  appNameCandidates,
  namespaceIndex,
  resolveTarget,
  type AlertTarget,
  type AppRef,
} from "@/lib/alerts/alert-target";
import { db } from "@/lib/db";

// The app and environment of each alert (lib/alerts/alert-target.ts), with three queries for a
// whole batch: environments, teams, and the apps the labels could name.
export async function resolveAlertTargets(
  labelSets: Record<string, string>[],
  appLabels: string[],
): Promise<(AlertTarget & { appTeamId: string | null })[]> {
  const [environments, teams] = await Promise.all([
    db.environment.findMany({ select: { id: true, name: true, namespacePattern: true } }),
    db.team.findMany({ select: { id: true, name: true } }),
  ]);
  const namespaces = namespaceIndex(environments, teams);
  const wanted = new Set<string>();
  for (const labels of labelSets) {
    const place = labels.namespace ? namespaces.get(labels.namespace) : undefined;
    if (place) for (const name of appNameCandidates(labels, appLabels, place)) wanted.add(name);
  }
  const apps = new Map<string, AppRef>();
  if (wanted.size > 0)
    for (const app of await db.app.findMany({
      where: { name: { in: [...wanted] } },
      select: { id: true, name: true, teamId: true },
    }))
      apps.set(`${app.teamId}/${app.name}`, app);
  const teamOfApp = new Map([...apps.values()].map((app) => [app.id, app.teamId]));
  return labelSets.map((labels) => {
    const target = resolveTarget(labels, appLabels, namespaces, apps);
    return { ...target, appTeamId: target.appId ? (teamOfApp.get(target.appId) ?? null) : null };
  });
}
