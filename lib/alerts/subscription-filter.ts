import { matches, parseMatcher, type Matcher } from "./matchers";
import { severityRank } from "./severity";

export type SubscriptionFilter = {
  appIds: string[];
  filterTeamId: string | null;
  environmentIds: string[];
  minSeverity: string;
  alertnames: string[];
  matchers: string[];
};

export type FilterableAlert = {
  alertname: string;
  severity: string;
  labels: Record<string, string>;
  appId: string | null;
  appTeamId: string | null;
  environmentId: string | null;
};

// A subscription's filters, compiled once per ingest: each empty list means "any", and the lowest
// minimum severity takes alerts whatever their severity label says.
export function compileFilter(filter: SubscriptionFilter): (alert: FilterableAlert) => boolean {
  const apps = new Set(filter.appIds);
  const environments = new Set(filter.environmentIds);
  const names = new Set(filter.alertnames);
  const minRank = severityRank(filter.minSeverity);
  const matchers = filter.matchers.map(parseMatcher).filter((m): m is Matcher => !("error" in m));
  return (alert) =>
    (apps.size === 0 || (alert.appId !== null && apps.has(alert.appId))) &&
    (!filter.filterTeamId || alert.appTeamId === filter.filterTeamId) &&
    (environments.size === 0 || (alert.environmentId !== null && environments.has(alert.environmentId))) &&
    (minRank <= 0 || severityRank(alert.severity) >= minRank) &&
    (names.size === 0 || names.has(alert.alertname)) &&
    matchers.every((matcher) => matches(matcher, alert.labels));
}
