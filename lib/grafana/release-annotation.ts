export type AnnotatedRelease = {
  id: string;
  number: number;
  kind: string;
  status: string;
  image: string | null;
  actorLabel: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  app: string;
  team: string;
  environment: string;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// A release as a Grafana annotation: a region from its start to its end (a point at the start
// while it runs), tagged so that dashboards can ask for one app's releases in one environment,
// with a link back to the release. Grafana shows the text to everyone, so it is plain English
// facts rather than a message in one reader's language.
export function releaseAnnotation(release: AnnotatedRelease, slipwayUrl: string) {
  const start = (release.startedAt ?? release.createdAt).getTime();
  const link = new URL(`/releases/${release.id}`, slipwayUrl).toString();
  const outcome = release.finishedAt ? ` (${release.status})` : "";
  const facts = `Slipway release #${release.number} ${release.kind} of ${release.team}/${release.app} in ${release.environment}${outcome}: ${release.image ?? "no image"} by ${release.actorLabel}`;
  return {
    time: start,
    timeEnd: release.finishedAt ? Math.max(start, release.finishedAt.getTime()) : start,
    tags: [
      "slipway",
      `app:${release.app}`,
      `env:${release.environment}`,
      `kind:${release.kind}`,
      `team:${release.team}`,
    ],
    text: `${escapeHtml(facts)} <a href="${escapeHtml(link)}">Open in Slipway</a>`,
  };
}
