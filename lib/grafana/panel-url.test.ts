import { describe, expect, it } from "vitest";
import { dashboardUrl, soloPanelUrl } from "./panel-url";
import { absoluteRange, chosenRange, relativeRange, releaseWindow } from "./time-range";
import { parseVariableLines, resolveVariables } from "./variables";
import { DEFAULT_VARIABLES } from "./builtin-dashboard";

const dashboard = { baseUrl: "https://grafana.example.com", orgId: 1, dashboardUid: "slipway-app" };
const facts = { namespace: "payments-prod", app: "cart", env: "prod", team: "payments" };

function params(url: string): [string, string][] {
  return [...new URL(url).searchParams.entries()];
}

describe("panel URLs", () => {
  it("build a /d-solo URL with org, panel, the app's variables, the range, theme and the browser's time zone", () => {
    const url = soloPanelUrl(dashboard, 4, {
      variables: resolveVariables(DEFAULT_VARIABLES, facts),
      range: relativeRange("6h"),
      theme: "light",
    });
    expect(url.startsWith("https://grafana.example.com/d-solo/slipway-app?")).toBe(true);
    expect(params(url)).toEqual([
      ["orgId", "1"],
      ["panelId", "4"],
      ["var-namespace", "payments-prod"],
      ["var-app", "cart"],
      ["var-env", "prod"],
      ["from", "now-6h"],
      ["to", "now"],
      ["timezone", "browser"],
      ["theme", "light"],
    ]);
  });

  it("link the whole dashboard with the same variables, range and refresh, and another organization", () => {
    const url = dashboardUrl(
      { ...dashboard, orgId: 7 },
      { variables: [["var-app", "cart"]], range: absoluteRange(1_700_000_000_000, 1_700_003_600_000), refresh: "1m" },
    );
    expect(url).toBe(
      "https://grafana.example.com/d/slipway-app?orgId=7&var-app=cart&from=1700000000000&to=1700003600000&refresh=1m&timezone=browser",
    );
  });

  it("leave refresh out when it is off, and keep a Grafana served under a sub-path", () => {
    const url = soloPanelUrl({ ...dashboard, baseUrl: "https://tools.example.com/grafana/" }, 2, {
      variables: [],
      range: relativeRange("1h"),
      refresh: "off",
      theme: "dark",
    });
    expect(new URL(url).pathname).toBe("/grafana/d-solo/slipway-app");
    expect(new URL(url).searchParams.has("refresh")).toBe(false);
    expect(new URL(url).searchParams.get("theme")).toBe("dark");
  });

  it("encode values and uids so that they cannot add parameters or path segments", () => {
    const url = soloPanelUrl({ ...dashboard, dashboardUid: "a/b?c" }, 1, {
      variables: resolveVariables([{ name: "var-q", value: "{app}&orgId=2 x" }], { ...facts, app: "c#d" }),
      range: relativeRange("1h"),
      theme: "light",
    });
    expect(url).toContain("/d-solo/a%2Fb%3Fc?");
    expect(new URL(url).searchParams.getAll("orgId")).toEqual(["1"]);
    expect(new URL(url).searchParams.get("var-q")).toBe("c#d&orgId=2 x");
  });

  it("fill every placeholder of a value, constants stay as they are", () => {
    expect(
      resolveVariables(
        [
          { name: "var-job", value: "{team}/{app}-{env}" },
          { name: "var-cluster", value: "sh-prod-1" },
        ],
        facts,
      ),
    ).toEqual([
      ["var-job", "payments/cart-prod"],
      ["var-cluster", "sh-prod-1"],
    ]);
  });
});

describe("time ranges", () => {
  it("are relative for the picker's choices", () => {
    expect(["1h", "6h", "24h", "7d"].map((c) => relativeRange(c as "1h").from)).toEqual([
      "now-1h",
      "now-6h",
      "now-24h",
      "now-7d",
    ]);
  });

  it("take a custom window only when it starts before it ends", () => {
    expect(chosenRange("custom", "1000", "2000")).toEqual({ from: "1000", to: "2000" });
    expect(chosenRange("custom", "2000", "1000")).toEqual({ from: "now-6h", to: "now" });
    expect(chosenRange("custom")).toEqual({ from: "now-6h", to: "now" });
    expect(chosenRange("24h", "1000", "2000")).toEqual({ from: "now-24h", to: "now" });
  });

  it("frame a release from 15 minutes before its start to 15 minutes after its end, or now", () => {
    const start = new Date("2026-12-01T10:00:00Z");
    const end = new Date("2026-12-01T10:04:00Z");
    expect(releaseWindow(start, end)).toEqual({
      from: String(Date.parse("2026-12-01T09:45:00Z")),
      to: String(Date.parse("2026-12-01T10:19:00Z")),
    });
    expect(releaseWindow(start, null)).toEqual({ from: String(Date.parse("2026-12-01T09:45:00Z")), to: "now" });
  });
});

describe("variable lines", () => {
  it("parse name=value lines, skipping blank ones", () => {
    expect(parseVariableLines("var-namespace={namespace}\n\n  var-app = {app} \n")).toEqual({
      variables: [
        { name: "var-namespace", value: "{namespace}" },
        { name: "var-app", value: "{app}" },
      ],
    });
  });

  it("name the first problem: a line without =, a name Grafana does not read, an unknown placeholder, a repeat", () => {
    expect(parseVariableLines("namespace")).toMatchObject({ problem: { key: "grafana.validation.variableLine" } });
    expect(parseVariableLines("namespace={namespace}")).toMatchObject({
      problem: { key: "grafana.validation.variableName", values: { name: "namespace" } },
    });
    expect(parseVariableLines("var-ns={region}")).toMatchObject({
      problem: { key: "grafana.validation.variablePlaceholder", values: { name: "region" } },
    });
    expect(parseVariableLines("var-a={app}\nvar-a={env}")).toMatchObject({
      problem: { key: "grafana.validation.variableDuplicate" },
    });
  });
});
