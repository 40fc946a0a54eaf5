import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isFinalStatus } from "@/lib/validations/release-status";
import { ZAlertmanagerPayloadSchema } from "@/lib/validations/alertmanager";
import { ZDeploySchema } from "@/lib/validations/release";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { ALERT_TOKEN, configureAlerting, robotKey, subscribe } from "@/test/alert-fixtures";
import { auditCount, context } from "@/test/factories";
import { makeReleaseWorld } from "@/test/release-fixtures";
import { eventually } from "@/test/sandbox";
import { startAlertmanager, type Alertmanager } from "@/test/support/alertmanager";
import { startWecomSink, type WecomSink } from "@/test/support/wecom-sink";
import { loadAlertingSettings } from "@/lib/services/alerting/load-alerting-settings";
import { ingestAlerts } from "./ingest-alerts";
import { alertView } from "./alert-view";
import { muteAlert } from "./mute-alert";
import { rollbackFromAlert } from "./rollback-from-alert";
import { startReleaseJobs, stopTestJobs } from "@/test/jobs";

type World = Awaited<ReturnType<typeof makeReleaseWorld>>;
let world: World;
let sink: WecomSink;
let alertmanager: Alertmanager;

beforeAll(async () => {
  // Releases end through the release engine's jobs.
  await startReleaseJobs();
  sink = await startWecomSink();
  world = await makeReleaseWorld();
  // Slipway only talks to Alertmanager's API here (silences); nothing posts back.
  alertmanager = await startAlertmanager({ webhookUrl: "http://127.0.0.1:9/none", token: ALERT_TOKEN });
  await configureAlerting(world.admin, { wecomApiBase: sink.url, alertmanagerUrl: alertmanager.url });
}, 120_000);

afterAll(async () => {
  await stopTestJobs();
  await alertmanager?.stop();
  await sink?.close();
});

// An app of the world's team, with its name (the alert's app label).
async function makeApp(name: string, values: Record<string, unknown> = {}, environmentId?: string) {
  return { id: (await world.app(name, values, environmentId)).id, name };
}

async function settled(releaseId: string) {
  return eventually(
    `release ${releaseId} to finish`,
    async () => {
      const release = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
      return isFinalStatus(release.status) ? release : null;
    },
    90_000,
  );
}

async function deploy(appId: string, environmentId: string, tag: string) {
  const result = await deployRelease(world.dev, ZDeploySchema.parse({ appId, environmentId, tag }), context);
  if (result.kind !== "release") throw new Error("expected a release");
  expect((await settled(result.releaseId)).status).toBe("succeeded");
  return result;
}

async function fire(labels: Record<string, string>, startsAt = new Date()) {
  await ingestAlerts(
    ZAlertmanagerPayloadSchema.parse({
      version: "4",
      alerts: [
        {
          status: "firing",
          labels,
          annotations: { summary: "errors" },
          startsAt: startsAt.toISOString(),
          endsAt: "0001-01-01T00:00:00Z",
          generatorURL: "",
          fingerprint: Object.values(labels).join("-").slice(0, 64),
        },
      ],
    }),
    await loadAlertingSettings(),
  );
  return db.alert.findFirstOrThrow({ where: { labels: { equals: labels } } });
}

describe("from alert back to release", () => {
  it("links an alert to the deploy before it, says so in the message, and 'Roll back to #1' rolls back", async () => {
    const env = await world.environment("rb");
    const app = await makeApp(`web${world.suffix}`, { replicas: 1 }, env.id);
    await deploy(app.id, env.id, "1.0.0");
    const second = await deploy(app.id, env.id, "2.0.0");
    const key = robotKey();
    await subscribe(world.ops, { appIds: [app.id], channels: [{ kind: "wecom_robot", key }] });
    const alert = await fire({
      alertname: "ErrorBudgetBurn",
      severity: "critical",
      namespace: `${world.team.name}-${env.name}`,
      app: app.name,
    });
    expect(alert.releaseId).toBe(second.releaseId);
    const view = await alertView(world.dev, alert.id);
    expect(view?.link).toMatchObject({
      release: { number: 2, version: "2.0.0", actor: "Test developer", kind: "deploy" },
      minutesAfter: 0,
      rollbackTo: { number: 1 },
    });
    expect(view?.rollbackMode).toBe("direct");
    const [call] = await eventually("the message", async () => sink.delivered(key), 20_000);
    const text = call!.body.markdown!.content;
    expect(text).toContain("fired 0 min after deploy #2 2.0.0 by Test developer");
    expect(text).toContain(`[Roll back to #1](`);
    expect(text).toContain(`/alerts/${alert.id})`);

    // A tester may not roll back; the app's developer may, in one step.
    await expect(rollbackFromAlert(world.tester, alert.id, context)).rejects.toMatchObject({ code: "forbidden" });
    const result = await rollbackFromAlert(world.dev, alert.id, context);
    if (result.kind !== "release") throw new Error("expected a release");
    const rollback = await settled(result.releaseId);
    expect(rollback).toMatchObject({
      kind: "rollback",
      status: "succeeded",
      image: "registry.example.com/team/hello-app:1.0.0",
    });
    // Slipway's words, stored as a message for the reader's language; the alert's name is data.
    expect(rollback.descriptionMessage).toEqual({
      key: "releaseText.rollbackAfterAlert",
      values: { number: 1, alert: alert.alertname },
    });
    expect(
      (await db.release.findUniqueOrThrow({ where: { id: result.releaseId }, include: { rollbackOf: true } }))
        .rollbackOf?.number,
    ).toBe(1);
  }, 240_000);

  it("on a protected environment a developer's rollback becomes a request for approval", async () => {
    const env = await world.environment("prb", { protected: true });
    const app = await makeApp(`api${world.suffix}`, { replicas: 1 }, env.id);
    // Ops deploy to the protected environment (a developer would need approval).
    for (const tag of ["1.0.0", "1.1.0"]) {
      const result = await deployRelease(
        world.ops,
        ZDeploySchema.parse({ appId: app.id, environmentId: env.id, tag }),
        context,
      );
      if (result.kind !== "release") throw new Error("expected a release");
      await settled(result.releaseId);
    }
    const alert = await fire({
      alertname: "Down",
      severity: "critical",
      namespace: `${world.team.name}-${env.name}`,
      app: app.name,
    });
    expect((await alertView(world.dev, alert.id))?.rollbackMode).toBe("request");
    const result = await rollbackFromAlert(world.dev, alert.id, context);
    expect(result.kind).toBe("request");
    const request = await db.releaseRequest.findFirstOrThrow({ where: { appId: app.id, status: "pending" } });
    expect(request).toMatchObject({ tag: "1.0.0", requestedByLabel: world.dev.email });
    expect(request.description).toContain("Roll back to #1 after alert Down");
    expect(request.descriptionMessage).toEqual({
      key: "releaseText.rollbackAfterAlert",
      values: { number: 1, alert: "Down" },
    });
  }, 240_000);

  it("does not link an alert that started long after the release, or before it", async () => {
    const env = await world.environment("late");
    const app = await makeApp(`late${world.suffix}`, { replicas: 1 }, env.id);
    const first = await deploy(app.id, env.id, "1.0.0");
    await db.release.update({
      where: { id: first.releaseId },
      data: { createdAt: new Date(Date.now() - 31 * 60_000) },
    });
    const labels = {
      alertname: "Late",
      severity: "warning",
      namespace: `${world.team.name}-${env.name}`,
      app: app.name,
    };
    expect((await fire(labels)).releaseId).toBeNull();
    expect((await fire({ ...labels, alertname: "Early" }, new Date(Date.now() - 40 * 60_000))).releaseId).toBeNull();
  }, 240_000);
});

describe("mute", () => {
  it("creates a silence that Alertmanager reports, shows who muted it until when, and is audited", async () => {
    const env = await world.environment("mute");
    const app = await makeApp(`mute${world.suffix}`);
    const labels = {
      alertname: "Noisy",
      severity: "warning",
      namespace: `${world.team.name}-${env.name}`,
      app: app.name,
    };
    const alert = await fire(labels);
    await expect(muteAlert(world.tester, { alertId: alert.id, hours: 1 }, context)).rejects.toMatchObject({
      code: "forbidden",
    });
    const before = await auditCount({ action: "alert.mute" });
    const { silenceId, until } = await muteAlert(world.dev, { alertId: alert.id, hours: 4 }, context);
    const silence = (await alertmanager.silences()).find((s) => s.id === silenceId);
    expect(silence).toMatchObject({ status: { state: "active" }, createdBy: world.dev.email });
    expect(Object.fromEntries(silence!.matchers.map((m) => [m.name, m.value]))).toEqual(labels);
    expect(Math.abs(until.getTime() - Date.now() - 4 * 3_600_000)).toBeLessThan(60_000);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      silenceId,
      mutedByLabel: world.dev.email,
    });
    expect(await auditCount({ action: "alert.mute" })).toBe(before + 1);
  });

  it("a developer of another team may not mute the app's alerts", async () => {
    const other = await makeReleaseWorld();
    const env = await world.environment("mute2");
    const app = await makeApp(`mute2${world.suffix}`);
    const alert = await fire({ alertname: "Other", namespace: `${world.team.name}-${env.name}`, app: app.name });
    await expect(muteAlert(other.dev, { alertId: alert.id, hours: 1 }, context)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await alertmanager.silences()).not.toContainEqual(expect.objectContaining({ createdBy: other.dev.email }));
  });
});
