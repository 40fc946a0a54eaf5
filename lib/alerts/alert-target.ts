// Which app and environment an alert is about, from its labels: the namespace names the team
// and environment (each environment's namespace pattern, e.g. "{team}-{env}"), and the first of
// the configured app labels that is set names the app, as its name or as the
// "app.kubernetes.io/instance" value Slipway's templates give it ("<app>-<env>").
export type Place = { teamId: string; environmentId: string; environmentName: string };
export type AppRef = { id: string; name: string; teamId: string };
export type AlertTarget = { appId: string | null; environmentId: string | null };

export function namespaceIndex(
  environments: { id: string; name: string; namespacePattern: string }[],
  teams: { id: string; name: string }[],
): Map<string, Place> {
  const index = new Map<string, Place>();
  for (const environment of environments)
    for (const team of teams) {
      const namespace = environment.namespacePattern
        .replaceAll("{team}", team.name)
        .replaceAll("{env}", environment.name);
      index.set(namespace, { teamId: team.id, environmentId: environment.id, environmentName: environment.name });
    }
  return index;
}

// The app names an alert could mean, to look them up in one query.
export function appNameCandidates(labels: Record<string, string>, appLabels: string[], place: Place): string[] {
  const value = appLabels.map((name) => labels[name]).find((v) => v);
  if (!value) return [];
  const suffix = `-${place.environmentName}`;
  return value.endsWith(suffix) ? [value, value.slice(0, -suffix.length)] : [value];
}

export function resolveTarget(
  labels: Record<string, string>,
  appLabels: string[],
  namespaces: Map<string, Place>,
  apps: Map<string, AppRef>,
): AlertTarget {
  const place = labels.namespace ? namespaces.get(labels.namespace) : undefined;
  if (!place) return { appId: null, environmentId: null };
  const app = appNameCandidates(labels, appLabels, place)
    .map((name) => apps.get(`${place.teamId}/${name}`))
    .find(Boolean);
  return { appId: app?.id ?? null, environmentId: place.environmentId };
}
