import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/crypto/keys";
import { BUILTIN_PANELS } from "@/lib/grafana/builtin-dashboard";
import { slipwayUrl } from "@/lib/grafana/slipway-url";
import { relativeRange } from "@/lib/grafana/time-range";
import { ZAppGrafanaSchema, ZGrafanaSettingsSchema } from "@/lib/validations/grafana";
import { context, makeUser } from "@/test/factories";
import { startFakeGrafana, type FakeGrafana, type FakeGrafanaOptions } from "@/test/fake-grafana";
import { makeReleaseWorld } from "@/test/release-fixtures";
import { appMonitoring } from "./app-monitoring";
import { checkEnvironmentGrafana } from "./check-environment-grafana";
import { currentGrafanaCheck } from "./current-grafana-check";
import { getGrafanaSettings } from "./get-grafana-settings";
import { grafanaFrameOrigins } from "./grafana-frame-origins";
import { grafanaTokenPlace } from "./grafana-settings-view";
import { resetAppPanels } from "./reset-app-panels";
import { saveAppPanels } from "./save-app-panels";
import { saveGrafanaSettings } from "./save-grafana-settings";

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;
const fakes: FakeGrafana[] = [];

beforeAll(async () => {
  world = await makeReleaseWorld();
});
afterAll(async () => {
  await Promise.all(fakes.map((fake) => fake.close()));
});

async function fakeGrafana(options: Partial<FakeGrafanaOptions> = {}) {
  const fake = await startFakeGrafana(options);
  fakes.push(fake);
  return fake;
}

const VARIABLES = "var-namespace={namespace}\nvar-app={app}\nvar-env={env}";

function settings(environmentId: string, fields: Record<string, unknown>) {
  return ZGrafanaSettingsSchema.parse({ environmentId, variables: VARIABLES, ...fields });
}

function fieldErrors(fields: Record<string, unknown>): Record<string, string> {
  const parsed = ZGrafanaSettingsSchema.safeParse({
    environmentId: "00000000-0000-4000-8000-000000000000",
    variables: VARIABLES,
    ...fields,
  });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

let environments = 0;

async function configured(fake: FakeGrafana, fields: Record<string, unknown> = {}) {
  const environment = await world.environment(`gf${environments++}x`);
  const saved = await saveGrafanaSettings(
    world.admin,
    settings(environment.id, { baseUrl: fake.url, token: fake.options.token, ...fields }),
    context,
  );
  return { environment, check: saved.check };
}

describe("an environment's Grafana settings", () => {
  it("seal the token: never in the column's text, the page's view or the audit row; empty keeps it, remove drops it", async () => {
    const fake = await fakeGrafana();
    const { environment } = await configured(fake, { orgId: "3" });
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const { rows } = await client.query<{ token_encrypted: string }>(
      "SELECT token_encrypted FROM environment_grafana WHERE environment_id = $1",
      [environment.id],
    );
    await client.end();
    expect(rows[0]!.token_encrypted).toMatch(/^enc:v1:/);
    expect(rows[0]!.token_encrypted).not.toContain(fake.options.token);
    expect(openSecret(rows[0]!.token_encrypted, grafanaTokenPlace(environment.id))).toBe(fake.options.token);
    const view = await getGrafanaSettings(environment.id);
    expect(view).toMatchObject({ baseUrl: fake.url, orgId: 3, builtin: true, hasToken: true, panels: BUILTIN_PANELS });
    expect(JSON.stringify(view)).not.toContain(fake.options.token);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { targetId: environment.id, action: "environment.grafana.update" },
    });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(fake.options.token);
    expect(audit.after).toMatchObject({ baseUrl: fake.url, markersEnabled: true, markerAccessReplaced: true });

    await saveGrafanaSettings(world.admin, settings(environment.id, { baseUrl: fake.url }), context);
    expect((await getGrafanaSettings(environment.id))?.hasToken).toBe(true);
    await saveGrafanaSettings(world.admin, settings(environment.id, { baseUrl: fake.url, removeToken: true }), context);
    expect((await getGrafanaSettings(environment.id))?.hasToken).toBe(false);
    await saveGrafanaSettings(world.admin, settings(environment.id, { baseUrl: "" }), context);
    expect(await getGrafanaSettings(environment.id)).toBeNull();
    expect(
      await db.auditEvent.count({ where: { targetId: environment.id, action: "environment.grafana.remove" } }),
    ).toBe(1);
  });

  it("refuse bad input on its field: not http(s), credentials in the URL, a panel id that is not a number, an unknown variable", () => {
    expect(fieldErrors({ baseUrl: "ftp://grafana.example.com" })).toEqual({ baseUrl: "validation.url" });
    expect(fieldErrors({ baseUrl: "javascript:alert(1)" })).toEqual({ baseUrl: "validation.url" });
    expect(fieldErrors({ baseUrl: "https://admin:secret@grafana.example.com" })).toEqual({
      baseUrl: "grafana.validation.credentials",
    });
    expect(fieldErrors({ baseUrl: "https://grafana.example.com/?orgId=2" })).toEqual({
      baseUrl: "grafana.validation.plainUrl",
    });
    expect(
      fieldErrors({
        baseUrl: "https://grafana.example.com",
        dashboard: "custom",
        dashboardUid: "app-overview",
        panels: [
          { id: "2", title: "Latency", height: "240" },
          { id: "panel two", title: "Errors", height: "240" },
        ],
      }),
    ).toEqual({ "panels.1.id": "grafana.validation.panelId" });
    expect(fieldErrors({ baseUrl: "https://grafana.example.com", variables: "var-namespace={region}" })).toEqual({
      variables: "grafana.validation.variablePlaceholder",
    });
    expect(fieldErrors({ baseUrl: "https://grafana.example.com", variables: "namespace={namespace}" })).toEqual({
      variables: "grafana.validation.variableName",
    });
    expect(fieldErrors({ baseUrl: "https://grafana.example.com", dashboard: "custom", panels: [] })).toEqual({
      dashboardUid: "validation.required",
      panels: "grafana.validation.panelsRequired",
    });
    expect(fieldErrors({ baseUrl: "https://grafana.example.com/grafana", orgId: "2", token: "glsa_abc" })).toEqual({});
  });

  it("refuse Slipway's own address on the URL field and save nothing", async () => {
    const environment = await world.environment("self");
    const own = new URL(slipwayUrl());
    const loopback = `${own.protocol}//127.0.0.1:${own.port || (own.protocol === "https:" ? 443 : 80)}/`;
    for (const baseUrl of [slipwayUrl(), loopback]) {
      await expect(
        saveGrafanaSettings(world.admin, settings(environment.id, { baseUrl }), context),
      ).rejects.toMatchObject({
        code: "invalid_input",
        field: "baseUrl",
        messageKey: "grafana.validation.slipwayItself",
      });
    }
    expect(await db.environmentGrafana.count({ where: { environmentId: environment.id } })).toBe(0);
    expect(
      await db.auditEvent.count({ where: { targetId: environment.id, action: { startsWith: "environment.grafana" } } }),
    ).toBe(0);
  });
});

describe("checking a Grafana from the server", () => {
  it("find nothing to change on a Grafana that embeds and takes the token, asking it with the token", async () => {
    const fake = await fakeGrafana();
    const { check } = await configured(fake);
    expect(check).toEqual({ ok: true, version: "11.3.0", signIn: "anonymous", problems: [], notes: [] });
    const withToken = fake.requests
      .filter((r) => r.authorization === `Bearer ${fake.options.token}`)
      .map((r) => r.path);
    expect(withToken).toEqual(["/api/dashboards/uid/slipway-app", "/api/annotations?tags=slipway&limit=1"]);
    // The panel is asked for as a browser without a session would, without the token.
    expect(fake.requests.find((r) => r.path.startsWith("/d-solo/slipway-app?"))?.authorization).toBeNull();
  });

  it("explain a Grafana that cannot be reached, naming the URL", async () => {
    const fake = await fakeGrafana();
    const { environment } = await configured(fake);
    fake.down = true;
    const check = await checkEnvironmentGrafana(environment.id);
    expect(check?.ok).toBe(false);
    expect(check?.problems).toEqual([
      { key: "grafana.problem.unreachable", values: { url: fake.url, detail: expect.any(String) as string } },
    ]);
    expect((await getGrafanaSettings(environment.id))?.check?.problems[0]?.key).toBe("grafana.problem.unreachable");
  });

  it("explain a rejected token (401) without repeating Grafana's answer, and a missing dashboard", async () => {
    const fake = await fakeGrafana();
    const { check } = await configured(fake, { token: "glsa_wrong" });
    expect(check?.problems).toEqual([{ key: "grafana.problem.tokenRejected" }]);
    expect(JSON.stringify(check)).not.toContain("Invalid API key");

    const other = await fakeGrafana({ dashboards: [] });
    const missing = await configured(other, {
      dashboard: "custom",
      dashboardUid: "app-overview",
      panels: [{ id: "3", title: "Latency", height: "300" }],
    });
    expect(missing.check?.problems).toEqual([
      { key: "grafana.problem.dashboardMissing", values: { uid: "app-overview", orgId: 1 } },
    ]);
  });

  it("explain refused embedding: X-Frame-Options deny (allow_embedding = false) and a frame-ancestors without Slipway", async () => {
    const denying = await fakeGrafana({ allowEmbedding: false });
    expect((await configured(denying)).check?.problems).toEqual([
      { key: "grafana.problem.xFrameOptions", values: { value: "DENY" } },
    ]);
    const ancestors = await fakeGrafana({ frameAncestors: "'self' https://other.example.com" });
    expect((await configured(ancestors)).check?.problems).toEqual([
      {
        key: "grafana.problem.frameAncestors",
        values: { value: "'self' https://other.example.com", origin: new URL(slipwayUrl()).origin },
      },
    ]);
  });

  it("explain a session cookie that a cross-site frame will not get, given cookie_samesite", async () => {
    // Slipway is on localhost and this Grafana on 127.0.0.1: two sites for a browser.
    const lax = await fakeGrafana({ anonymous: false, cookieSameSite: "lax" });
    const check = (await configured(lax)).check;
    expect(check?.signIn).toBe("required");
    expect(check?.problems).toEqual([
      {
        key: "grafana.problem.cookieCrossSite",
        values: { sameSite: "lax", slipway: new URL(slipwayUrl()).origin, grafana: lax.url },
      },
    ]);
    const none = await fakeGrafana({ anonymous: false, cookieSameSite: "none", cookieSecure: false });
    expect((await configured(none)).check?.problems.map((p) => p.key)).toEqual(["grafana.problem.cookieNotSecure"]);
    const secure = await fakeGrafana({ anonymous: false, cookieSameSite: "none", cookieSecure: true });
    expect((await configured(secure)).check?.problems).toEqual([]);
  });

  it("reuse a recent check for the monitoring tab, and check again once the settings changed", async () => {
    const fake = await fakeGrafana();
    const { environment } = await configured(fake);
    const asked = () => fake.requests.filter((r) => r.path === "/api/health").length;
    const before = asked();
    expect((await currentGrafanaCheck(environment.id))?.ok).toBe(true);
    expect(asked()).toBe(before);
    await db.environmentGrafana.update({ where: { environmentId: environment.id }, data: { orgId: 2 } });
    fake.options.allowEmbedding = false;
    expect((await currentGrafanaCheck(environment.id))?.problems.map((p) => p.key)).toEqual([
      "grafana.problem.xFrameOptions",
    ]);
    expect(asked()).toBe(before + 1);
  });
});

describe("an app's panels", () => {
  it("come from the environment's defaults, then the app's own (another dashboard, order), then the defaults again", async () => {
    const fake = await fakeGrafana();
    const { environment } = await configured(fake);
    const app = await world.app(`mon${world.suffix}`);
    const view = { range: relativeRange("24h"), refresh: "1m" as const };

    const defaults = await appMonitoring(app.id, environment.id, view);
    if (!defaults.configured) throw new Error("expected Grafana");
    expect(defaults.source).toBe("environment");
    expect(defaults.panels.map((p) => p.id)).toEqual(BUILTIN_PANELS.map((p) => p.id));
    const first = new URL(defaults.panels[0]!.url);
    expect(`${first.origin}${first.pathname}`).toBe(`${fake.url}/d-solo/slipway-app`);
    expect(Object.fromEntries(first.searchParams)).toMatchObject({
      orgId: "1",
      panelId: "1",
      "var-namespace": `${world.team.name}-${environment.name}`,
      "var-app": `mon${world.suffix}`,
      "var-env": environment.name,
      from: "now-24h",
      to: "now",
      refresh: "1m",
      theme: "light",
    });
    expect(defaults.dashboardUrl).toContain(`${fake.url}/d/slipway-app?orgId=1&var-namespace=`);

    const input = ZAppGrafanaSchema.parse({
      appId: app.id,
      dashboard: "custom",
      dashboardUid: "cart-detail",
      panels: [
        { id: "12", title: "Checkout latency", height: "320" },
        { id: "4", title: "CPU", height: "200" },
      ],
    });
    await expect(saveAppPanels(await makeUser("developer"), input, context)).rejects.toMatchObject({
      code: "forbidden",
    });
    await saveAppPanels(world.dev, input, context);
    const own = await appMonitoring(app.id, environment.id, { ...view, limit: 1 });
    if (!own.configured) throw new Error("expected Grafana");
    expect(own.source).toBe("app");
    expect(own.panels).toHaveLength(1);
    expect(own.panels[0]).toMatchObject({ id: 12, title: "Checkout latency", height: 320 });
    expect(own.panels[0]!.url).toContain("/d-solo/cart-detail?orgId=1&panelId=12&");
    expect(await db.auditEvent.count({ where: { targetId: app.id, action: "app.grafana.update" } })).toBe(1);

    await resetAppPanels(world.dev, app.id, context);
    const back = await appMonitoring(app.id, environment.id, view);
    expect(back.configured && back.source).toBe("environment");
  });

  it("are not there in an environment without Grafana", async () => {
    const environment = await world.environment("nogf");
    const app = await world.app(`nog${world.suffix}`);
    expect(await appMonitoring(app.id, environment.id, { range: relativeRange("1h") })).toEqual({ configured: false });
  });

  it("refuse a panel id that is not a number and an empty list", () => {
    const parsed = ZAppGrafanaSchema.safeParse({
      appId: "00000000-0000-4000-8000-000000000000",
      dashboard: "environment",
      panels: [{ id: "2a", title: "x", height: "240" }],
    });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["panels.0.id", "grafana.validation.panelId"],
    ]);
    const empty = ZAppGrafanaSchema.safeParse({
      appId: "00000000-0000-4000-8000-000000000000",
      dashboard: "environment",
      panels: [],
    });
    expect(empty.success).toBe(false);
  });
});

describe("Slipway's frame origins", () => {
  it("list every configured Grafana's origin, a change through this process at once", async () => {
    const fake = await fakeGrafana();
    const { environment } = await configured(fake, { baseUrl: `${fake.url}/grafana/` });
    expect(await grafanaFrameOrigins()).toContain(fake.url);
    await saveGrafanaSettings(world.admin, settings(environment.id, { baseUrl: "" }), context);
    expect(await grafanaFrameOrigins()).not.toContain(fake.url);
  });
});
