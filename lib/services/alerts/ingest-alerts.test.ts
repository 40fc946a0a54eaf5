import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { auditCount } from "@/test/factories";
import {
  ALERT_TOKEN,
  alertedApp,
  alertmanagerIntoSlipway,
  configureAlerting,
  robotKey,
  subscribe,
} from "@/test/alert-fixtures";
import { makeReleaseWorld } from "@/test/release-fixtures";
import { eventually } from "@/test/sandbox";
import { startWecomSink, type WecomSink } from "@/test/support/wecom-sink";

let sink: WecomSink;
let peers: Awaited<ReturnType<typeof alertmanagerIntoSlipway>>;
let world: Awaited<ReturnType<typeof makeReleaseWorld>>;
let namespace: string;
let appName: string;
let appId: string;
let environmentId: string;

const webhook = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${peers.route.url}/api/webhooks/alertmanager`, {
    method: "POST",
    headers: { authorization: `Bearer ${ALERT_TOKEN}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const payload = (alerts: object[]) => ({ version: "4", status: "firing", receiver: "slipway", alerts });
const amAlert = (fingerprint: string, labels: Record<string, string>, status = "firing") => ({
  status,
  labels,
  annotations: { summary: "p99 above 1 s" },
  startsAt: "2026-03-01T10:00:00.123456789Z",
  endsAt: status === "firing" ? "0001-01-01T00:00:00Z" : "2026-03-01T10:05:00Z",
  generatorURL: "http://prometheus.example/graph?g0.expr=up",
  fingerprint,
});

// As in Slipway's server process, whose preload (scripts/lib/trusted-proxies.mjs) has set
// X-Forwarded-For to the caller's address: the sources below are told apart by it.
const clientAddresses = globalThis as { __slipwayClientAddresses?: boolean };

beforeAll(async () => {
  clientAddresses.__slipwayClientAddresses = true;
  sink = await startWecomSink();
  world = await makeReleaseWorld();
  await configureAlerting(world.admin, { wecomApiBase: sink.url });
  ({ environmentId, appName, appId, namespace } = await alertedApp(world, "am"));
  peers = await alertmanagerIntoSlipway();
}, 120_000);

afterAll(async () => {
  delete clientAddresses.__slipwayClientAddresses;
  await peers?.stop();
  await sink?.close();
});

describe("POST /api/webhooks/alertmanager", () => {
  it("refuses a missing or wrong token with 401, audited once a minute per source", async () => {
    const before = await auditCount({ action: "alerts.webhook_refused" });
    const source = { "x-forwarded-for": `10.9.${Math.floor(Math.random() * 200)}.1` };
    const wrong = await webhook(payload([]), { authorization: "Bearer nope", ...source });
    expect(wrong.status).toBe(401);
    expect((await webhook(payload([]), { authorization: "", ...source })).status).toBe(401);
    expect((await webhook(payload([]), { authorization: "Bearer nope", ...source })).status).toBe(401);
    expect(await auditCount({ action: "alerts.webhook_refused" })).toBe(before + 1);
    // Another source is audited on its own.
    await webhook(payload([]), { authorization: "Bearer nope", "x-forwarded-for": "10.8.0.7" });
    expect(await auditCount({ action: "alerts.webhook_refused" })).toBe(before + 2);
  });

  it("answers 400 to malformed JSON and a wrong version, 413 past 5 MB, and stores nothing", async () => {
    const count = await db.alert.count();
    const broken = await webhook("{not json");
    expect(broken.status).toBe(400);
    const v3 = await webhook({ ...payload([amAlert("f00", { alertname: "X" })]), version: "3" });
    expect(v3.status).toBe(400);
    expect(((await v3.json()) as { error: { field: string; message: string } }).error).toMatchObject({
      field: "version",
      message: expect.stringContaining("version 4"),
    });
    const noFingerprint = await webhook(payload([{ ...amAlert("", { alertname: "X" }) }]));
    expect(noFingerprint.status).toBe(400);
    expect(((await noFingerprint.json()) as { error: { field: string } }).error.field).toBe("alerts.0.fingerprint");
    const huge = await webhook(
      payload([{ ...amAlert("f01", { alertname: "X" }), annotations: { big: "x".repeat(5 * 1024 * 1024) } }]),
    );
    expect(huge.status).toBe(413);
    expect(await db.alert.count()).toBe(count);
  });

  it("stores alerts by fingerprint, matched to app and environment, and a resolved notification closes them", async () => {
    const fingerprint = `fp${world.suffix}a`;
    const labels = { alertname: "HighLatency", severity: "warning", namespace, app: appName };
    const first = await webhook(payload([amAlert(fingerprint, labels)]));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ received: 1, changed: 1 });
    // The same flush again changes nothing.
    expect(await (await webhook(payload([amAlert(fingerprint, labels)]))).json()).toMatchObject({ changed: 0 });
    const stored = await db.alert.findFirstOrThrow({ where: { fingerprint } });
    expect(stored).toMatchObject({
      status: "firing",
      alertname: "HighLatency",
      severity: "warning",
      appId,
      environmentId,
      endsAt: null,
      generatorUrl: "http://prometheus.example/graph?g0.expr=up",
    });
    expect(stored.startsAt.toISOString()).toBe("2026-03-01T10:00:00.123Z");
    await webhook(payload([amAlert(fingerprint, labels, "resolved")]));
    const closed = await db.alert.findFirstOrThrow({ where: { fingerprint } });
    expect(closed.status).toBe("resolved");
    expect(closed.endsAt?.toISOString()).toBe("2026-03-01T10:05:00.000Z");
    expect(await db.alert.count({ where: { fingerprint } })).toBe(1);
  });

  it("finds the app by the app.kubernetes.io/instance value Slipway's templates set, and leaves unknown ones unmatched", async () => {
    await webhook(
      payload([
        amAlert(`fp${world.suffix}b`, {
          alertname: "A",
          namespace,
          "app.kubernetes.io/instance": `${appName}-am${world.suffix}`,
        }),
        amAlert(`fp${world.suffix}c`, { alertname: "B", namespace: "elsewhere", app: appName }),
      ]),
    );
    expect(await db.alert.findFirstOrThrow({ where: { fingerprint: `fp${world.suffix}b` } })).toMatchObject({
      appId,
      environmentId,
    });
    expect(await db.alert.findFirstOrThrow({ where: { fingerprint: `fp${world.suffix}c` } })).toMatchObject({
      appId: null,
      environmentId: null,
    });
  });
});

describe("through a real Alertmanager", () => {
  it("a critical alert reaches the subscribed WeCom robot at once, with the app and environment", async () => {
    const key = robotKey();
    await subscribe(world.dev, { appIds: [appId], channels: [{ kind: "wecom_robot", key }] }, 3600);
    await peers.alertmanager.post([
      {
        labels: { alertname: "HighErrorRate", severity: "critical", namespace, app: appName, run: world.suffix },
        annotations: { summary: "5xx above 5 %" },
        generatorURL: "http://prometheus.example/graph",
      },
    ]);
    const [call] = await eventually("the robot message", async () => sink.delivered(key), 30_000);
    expect(call!.body.msgtype).toBe("markdown");
    const text = call!.body.markdown!.content;
    expect(text).toContain("[FIRING]");
    expect(text).toContain("HighErrorRate");
    expect(text).toContain(`${world.team.name}/${appName}`);
    expect(text).toContain("5xx above 5 %");
    expect(text).toContain("[Source](http://prometheus.example/graph)");
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
  });
});
