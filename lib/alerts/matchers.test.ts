import { describe, expect, it } from "vitest";
import { matches, parseMatcher, type Matcher } from "./matchers";
import { compileFilter } from "./subscription-filter";

const parse = (text: string) => parseMatcher(text) as Matcher;

describe("label matchers", () => {
  it("read the four Alertmanager operators, anchored like Alertmanager's", () => {
    const labels = { cluster: "prod-1", pod: "web-7f9", team: "shop" };
    expect(matches(parse('cluster="prod-1"'), labels)).toBe(true);
    expect(matches(parse('cluster!="prod-1"'), labels)).toBe(false);
    expect(matches(parse('pod=~"web-.*"'), labels)).toBe(true);
    expect(matches(parse('pod=~"web"'), labels)).toBe(false);
    expect(matches(parse('pod!~"api-.*"'), labels)).toBe(true);
    expect(matches(parse('missing=""'), labels)).toBe(true);
  });

  it("say what is wrong with a bad one", () => {
    expect(parseMatcher("cluster=prod")).toEqual({ error: "alerts.matcherShape" });
    expect(parseMatcher('9x="a"')).toEqual({ error: "alerts.matcherName" });
    expect(parseMatcher('pod=~"web-("')).toEqual({ error: "alerts.matcherRegex" });
  });
});

describe("subscription filters", () => {
  const alert = {
    alertname: "HighLatency",
    severity: "warning",
    labels: { cluster: "prod-1" },
    appId: "app-1",
    appTeamId: "team-1",
    environmentId: "env-prod",
  };
  const none = {
    appIds: [],
    filterTeamId: null,
    environmentIds: [],
    minSeverity: "info",
    alertnames: [],
    matchers: [],
  };

  it("take everything when empty, and narrow by each filter", () => {
    expect(compileFilter(none)(alert)).toBe(true);
    expect(compileFilter({ ...none, appIds: ["app-2"] })(alert)).toBe(false);
    expect(compileFilter({ ...none, filterTeamId: "team-1" })(alert)).toBe(true);
    expect(compileFilter({ ...none, environmentIds: ["env-dev"] })(alert)).toBe(false);
    expect(compileFilter({ ...none, minSeverity: "high" })(alert)).toBe(false);
    expect(compileFilter({ ...none, minSeverity: "warning" })(alert)).toBe(true);
    expect(compileFilter({ ...none, alertnames: ["Other"] })(alert)).toBe(false);
    expect(compileFilter({ ...none, matchers: ['cluster=~"prod-.*"'] })(alert)).toBe(true);
    expect(compileFilter({ ...none, matchers: ['cluster="dev"'] })(alert)).toBe(false);
  });

  it("takes alerts without a known severity only at the lowest minimum", () => {
    const odd = { ...alert, severity: "page" };
    expect(compileFilter(none)(odd)).toBe(true);
    expect(compileFilter({ ...none, minSeverity: "warning" })(odd)).toBe(false);
  });
});
