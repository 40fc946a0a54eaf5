import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertMessageJob } from "@/lib/alerts/jobs";
import { db } from "@/lib/db";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { ZAlertmanagerPayloadSchema } from "@/lib/validations/alertmanager";
import { loadAlertingSettings } from "@/lib/services/alerting/load-alerting-settings";
import { ingestAlerts } from "@/lib/services/alerts/ingest-alerts";
import { unreadCount } from "@/lib/services/inbox/unread-count";
import { alertedApp, alertmanagerIntoSlipway, configureAlerting, robotKey, subscribe } from "@/test/alert-fixtures";
import { runJobsUntilIdle, stopTestJobs } from "@/test/jobs";
import { makeReleaseWorld } from "@/test/release-fixtures";
import { eventually } from "@/test/sandbox";
import { startRecorder } from "@/test/support/http-recorder";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { startWecomSink, type WecomSink } from "@/test/support/wecom-sink";
import { deliverMessage } from "./deliver-message";
import { wecomAccessToken } from "./wecom-access-token";

const JOBS = [alertMessageJob as JobDefinition<object>];
let sink: WecomSink;
let smtp: SmtpSink;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let peers: Awaited<ReturnType<typeof alertmanagerIntoSlipway>>;
let world: Awaited<ReturnType<typeof makeReleaseWorld>>;
let namespace: string;
let appName: string;
let appId: string;
let run = 0;

// A fresh label set per test, so Alertmanager and Slipway see new alerts.
const labels = (extra: Record<string, string>) => ({
  namespace,
  app: appName,
  severity: "warning",
  run: `${world.suffix}-${++run}`,
  ...extra,
});

// Alertmanager's webhook body for alerts that started now, straight to the ingest.
async function ingest(alerts: { labels: Record<string, string>; status?: "firing" | "resolved"; startsAt?: string }[]) {
  const now = new Date().toISOString();
  return ingestAlerts(
    ZAlertmanagerPayloadSchema.parse({
      version: "4",
      alerts: alerts.map((alert, index) => ({
        status: alert.status ?? "firing",
        labels: alert.labels,
        annotations: { summary: `summary ${index}` },
        startsAt: alert.startsAt ?? now,
        endsAt: alert.status === "resolved" ? now : "0001-01-01T00:00:00Z",
        generatorURL: "",
        fingerprint: Object.values(alert.labels).join("|").slice(0, 64),
      })),
    }),
    await loadAlertingSettings(),
  );
}

async function pastWindow(subscriptionId: string) {
  const open = await db.alertMessage.findMany({ where: { subscriptionId, state: "open" } });
  const due = Math.max(0, ...open.map((m) => m.dueAt.getTime()));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()) + 200));
}

beforeAll(async () => {
  sink = await startWecomSink();
  smtp = await startSmtpSink({ username: "slipway", password: "smtp-password" });
  recorder = await startRecorder();
  world = await makeReleaseWorld();
  await configureAlerting(world.admin, {
    wecomApiBase: sink.url,
    smtpPort: smtp.port,
    webhookPrefix: `${recorder.url}/hooks/`,
  });
  ({ appName, appId, namespace } = await alertedApp(world, "dl"));
  peers = await alertmanagerIntoSlipway();
}, 120_000);

afterAll(async () => {
  await stopTestJobs();
  await peers?.stop();
  for (const peer of [recorder, smtp, sink]) await peer?.close();
});

describe("digests", () => {
  it("20 warnings within the window arrive as one message, and a resolved alert shows as resolved in the next", async () => {
    const key = robotKey();
    const { id } = await subscribe(
      world.dev,
      { appIds: [appId], matchers: 'batch="digest"', channels: [{ kind: "wecom_robot", key }] },
      8,
    );
    const batch = Array.from({ length: 20 }, (_, i) => labels({ alertname: `Slow${i}`, batch: "digest" }));
    await peers.alertmanager.post(batch.map((l) => ({ labels: l, annotations: { summary: "p99 above 1 s" } })));
    await eventually(
      "all 20 stored",
      async () =>
        (await db.alert.count({ where: { labels: { path: ["batch"], equals: "digest" }, appId } })) >= 20 || null,
      30_000,
    );
    expect(sink.delivered(key)).toHaveLength(0);
    await pastWindow(id);
    await runJobsUntilIdle(JOBS);
    const [digest] = sink.delivered(key);
    expect(sink.delivered(key)).toHaveLength(1);
    const text = digest!.body.markdown!.content;
    expect(text).toContain("20 firing, 0 resolved");
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    // Every alert is either listed or counted in "…and N more".
    const listed = (text.match(/\[FIRING\]/g) ?? []).length;
    const more = Number(/…and (\d+) more/.exec(text)?.[1] ?? 0);
    expect(listed + more).toBe(20);
    // Running the jobs again sends nothing more.
    await runJobsUntilIdle(JOBS, { includeDeferred: true });
    expect(sink.delivered(key)).toHaveLength(1);

    // Two of them resolve: the next window says so.
    await peers.alertmanager.post(
      batch.slice(0, 2).map((l) => ({ labels: l, endsAt: new Date(Date.now() - 1000).toISOString() })),
    );
    await eventually(
      "a new window",
      async () => (await db.alertMessage.count({ where: { subscriptionId: id, state: "open" } })) || null,
      30_000,
    );
    await eventually(
      "both resolved",
      async () =>
        (await db.alertMessageItem.count({
          where: { message: { subscriptionId: id, state: "open" }, event: "resolved" },
        })) >= 2 || null,
      30_000,
    );
    await pastWindow(id);
    await runJobsUntilIdle(JOBS);
    expect(sink.delivered(key)).toHaveLength(2);
    const next = sink.delivered(key)[1]!.body.markdown!.content;
    expect(next).toContain("0 firing, 2 resolved");
    expect(next).toMatch(/\[RESOLVED\]<\/font> Slow[01]\*\*/);
  }, 120_000);
});

describe("exactly once", () => {
  it("two senders racing for one message send it once", async () => {
    const key = robotKey();
    await subscribe(world.dev, { appIds: [appId], alertnames: "Race", channels: [{ kind: "wecom_robot", key }] }, 1);
    await ingest([{ labels: labels({ alertname: "Race" }) }]);
    const message = await db.alertMessage.findFirstOrThrow({
      where: { channel: { keyDigest: { not: null } }, items: { some: { alert: { alertname: "Race" } } } },
    });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await Promise.all([deliverMessage(message.id), deliverMessage(message.id), deliverMessage(message.id)]);
    await runJobsUntilIdle(JOBS);
    expect(sink.delivered(key)).toHaveLength(1);
    expect(await db.alertDeliveryAttempt.count({ where: { messageId: message.id } })).toBe(1);
  });
});

describe("digest windows under concurrent ingests", () => {
  it("ingests at the same moment add to one window, and one that races the window's closing loses nothing", async () => {
    const key = robotKey();
    const { id } = await subscribe(
      world.dev,
      { appIds: [appId], alertnames: "Together", channels: [{ kind: "wecom_robot", key }] },
      600,
    );
    const batch = (n: number) =>
      Array.from({ length: 3 }, (_, i) => ({ labels: labels({ alertname: "Together", n: `${n}-${i}` }) }));
    await Promise.all(Array.from({ length: 8 }, (_, n) => ingest(batch(n))));
    const first = await db.alertMessage.findMany({ where: { subscriptionId: id }, include: { items: true } });
    expect(first).toHaveLength(1);
    expect(first[0]!.items).toHaveLength(24);
    // The window falls due and a sender closes it while eight more ingests arrive.
    await db.alertMessage.update({ where: { id: first[0]!.id }, data: { dueAt: new Date() } });
    await Promise.all([deliverMessage(first[0]!.id), ...Array.from({ length: 8 }, (_, n) => ingest(batch(100 + n)))]);
    const all = await db.alertMessage.findMany({ where: { subscriptionId: id }, include: { items: true } });
    const alertIds = all.flatMap((m) => m.items.map((item) => item.alertId));
    // Every alert in exactly one message: the closed one or the window opened after it.
    expect(alertIds).toHaveLength(48);
    expect(new Set(alertIds).size).toBe(48);
    expect(all.filter((m) => m.state === "open")).toHaveLength(all.length - 1);
    const sent = all.find((m) => m.state === "sent")!;
    expect(sink.delivered(key)[0]!.body.markdown!.content).toContain(`${sent.items.length} firing, 0 resolved`);
    // The window opened after it goes out too when it falls due: all 48 arrived, once each.
    await db.alertMessage.updateMany({ where: { subscriptionId: id, state: "open" }, data: { dueAt: new Date() } });
    await runJobsUntilIdle(JOBS, { includeDeferred: true });
    const counts = sink.delivered(key).map((call) => Number(/(\d+) firing/.exec(call.body.markdown!.content)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(48);
  });
});

describe("WeCom robot answers", () => {
  it("keeps 20 messages a minute per robot, shared by two subscriptions, and sends the rest after", async () => {
    const key = robotKey();
    await subscribe(world.dev, { appIds: [appId], alertnames: "Burst", channels: [{ kind: "wecom_robot", key }] });
    await subscribe(world.ops, { appIds: [appId], alertnames: "Burst", channels: [{ kind: "wecom_robot", key }] });
    const started = Date.now();
    for (let i = 0; i < 12; i++) await ingest([{ labels: labels({ alertname: "Burst", severity: "critical" }) }]);
    // 24 urgent messages to one robot: 20 now, 4 once the minute is over.
    await eventually("20 sent", async () => sink.delivered(key).length >= 20 || null, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(sink.delivered(key)).toHaveLength(20);
    expect(sink.robotCalls.filter((c) => c.key === key && c.errcode === 45009)).toHaveLength(0);
    const waiting = await db.alertMessage.count({
      where: {
        channel: { keyDigest: { not: null } },
        state: "retrying",
        items: { some: { alert: { alertname: "Burst" } } },
      },
    });
    expect(waiting).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 61_000 - Date.now())));
    await eventually(
      "the other 4",
      async () => {
        await runJobsUntilIdle(JOBS, { includeDeferred: true });
        return sink.delivered(key).length === 24 || null;
      },
      30_000,
    );
    const calls = sink
      .delivered(key)
      .map((c) => c.at)
      .sort((a, b) => a - b);
    for (let i = 20; i < calls.length; i++) expect(calls[i]! - calls[i - 20]!).toBeGreaterThanOrEqual(60_000);
  }, 150_000);

  it("retries after WeCom's 45009 and delivers", async () => {
    const key = robotKey();
    sink.rateLimitNext.set(key, 1);
    const { id } = await subscribe(world.dev, {
      appIds: [appId],
      alertnames: "Limited",
      channels: [{ kind: "wecom_robot", key }],
    });
    await ingest([{ labels: labels({ alertname: "Limited", severity: "high" }) }]);
    await eventually(
      "the refused try",
      async () => sink.robotCalls.filter((c) => c.key === key).length || null,
      20_000,
    );
    await eventually(
      "retrying",
      async () => (await db.alertMessage.count({ where: { subscriptionId: id, state: "retrying" } })) || null,
      20_000,
    );
    await runJobsUntilIdle(JOBS, { includeDeferred: true });
    expect(sink.delivered(key)).toHaveLength(1);
    const attempts = await db.alertDeliveryAttempt.findMany({
      where: { message: { subscriptionId: id } },
      orderBy: { id: "asc" },
    });
    expect(attempts.map((a) => a.outcome)).toEqual(["rate_limited", "sent"]);
  });

  it("disables a robot whose key WeCom refuses, with the reason for its owner, and sends nothing more to it", async () => {
    const key = robotKey();
    sink.badKeys.add(key);
    const before = await unreadCount(world.dev.id);
    const { id } = await subscribe(world.dev, {
      appIds: [appId],
      alertnames: "BadKey",
      channels: [{ kind: "wecom_robot", key }],
    });
    await ingest([{ labels: labels({ alertname: "BadKey", severity: "critical" }) }]);
    const channel = await eventually(
      "the channel disabled",
      async () => {
        const found = await db.alertChannel.findFirstOrThrow({ where: { subscriptionId: id } });
        return found.disabledAt ? found : null;
      },
      20_000,
    );
    expect(channel.disabledReason).toMatchObject({ key: "alerts.answer.wecomBadKey", values: { errcode: 93000 } });
    expect(await unreadCount(world.dev.id)).toBe(before + 1);
    const notice = await db.inboxItem.findFirstOrThrow({
      where: { userId: world.dev.id, kind: "channel_disabled" },
      orderBy: { createdAt: "desc" },
    });
    expect(notice.values).toMatchObject({ subscriptionId: id, channel: "wecom_robot" });
    await ingest([{ labels: labels({ alertname: "BadKey", severity: "critical" }) }]);
    await runJobsUntilIdle(JOBS, { includeDeferred: true });
    expect(sink.robotCalls.filter((c) => c.key === key)).toHaveLength(1);
  });
});

describe("other channels", () => {
  it("a WeCom application message reaches people by their bound ids, with one token for many messages", async () => {
    await db.user.update({
      where: { id: world.dev.id },
      data: { wecomUserId: `lilei${world.suffix}`, locale: "zh-CN" },
    });
    sink.knownUsers.add(`lilei${world.suffix}`);
    const { id } = await subscribe(world.dev, {
      appIds: [appId],
      alertnames: "AppMsg",
      channels: [{ kind: "wecom_app" }],
    });
    const tokensBefore = sink.tokenCalls;
    await ingest([{ labels: labels({ alertname: "AppMsg", severity: "critical" }) }]);
    await ingest([{ labels: labels({ alertname: "AppMsg", severity: "critical" }) }]);
    await eventually(
      "two app messages",
      async () => (await db.alertMessage.count({ where: { subscriptionId: id, state: "sent" } })) >= 2 || null,
      20_000,
    );
    const calls = sink.appCalls.filter((c) => c.body.touser === `lilei${world.suffix}`);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.body).toMatchObject({ msgtype: "markdown", agentid: 1000002 });
    // Rendered in the person's language (zh-CN).
    expect(calls[0]!.body.markdown!.content).toContain("【触发】");
    expect(sink.tokenCalls - tokensBefore).toBeLessThanOrEqual(1);
    // An expired token is fetched again once, and the message still goes out.
    sink.expireTokens();
    await ingest([{ labels: labels({ alertname: "AppMsg", severity: "critical" }) }]);
    await eventually(
      "the third",
      async () => (await db.alertMessage.count({ where: { subscriptionId: id, state: "sent" } })) >= 3 || null,
      20_000,
    );
    expect(sink.appCalls.filter((c) => c.body.touser === `lilei${world.suffix}`)).toHaveLength(3);
    await db.user.update({ where: { id: world.dev.id }, data: { locale: null } });
  });

  it("deliveries that need a WeCom token at the same moment share one fetch, also when it is renewed", async () => {
    const app = { apiBase: sink.url, corpId: `corp${world.suffix}`, agentId: 1000002, secret: `s-${world.suffix}` };
    const before = sink.tokenCalls;
    const first = await Promise.all(Array.from({ length: 6 }, () => wecomAccessToken(app)));
    expect(sink.tokenCalls - before).toBe(1);
    const token = (first[0] as { token: string }).token;
    expect(first.every((answer) => "token" in answer && answer.token === token)).toBe(true);
    // WeCom called that token expired in six deliveries at once: one new token, not six.
    const renewed = await Promise.all(
      Array.from({ length: 6 }, () => wecomAccessToken(app, { renew: true, rejected: token })),
    );
    expect(sink.tokenCalls - before).toBe(2);
    const fresh = (renewed[0] as { token: string }).token;
    expect(fresh).not.toBe(token);
    expect(renewed.every((answer) => "token" in answer && answer.token === fresh)).toBe(true);
    // A later renewal of the already replaced token takes the fresh one from the cache.
    expect(await wecomAccessToken(app, { renew: true, rejected: token })).toEqual({ token: fresh });
    expect(sink.tokenCalls - before).toBe(2);
  });

  it("an application message gives times in the reader's own time zone, else the alerting settings' zone", async () => {
    await db.user.update({
      where: { id: world.dev.id },
      data: { wecomUserId: `tz${world.suffix}`, locale: "en", timeZone: "America/New_York" },
    });
    sink.knownUsers.add(`tz${world.suffix}`);
    const { id } = await subscribe(world.dev, {
      appIds: [appId],
      alertnames: "Zoned",
      channels: [{ kind: "wecom_app" }],
    });
    // 03:04 UTC: 22:04 the day before in New York, 11:04 in Shanghai (the settings' default).
    const startsAt = "2026-12-02T03:04:00Z";
    const sent = async () => (await db.alertMessage.count({ where: { subscriptionId: id, state: "sent" } })) || null;
    await ingest([{ labels: labels({ alertname: "Zoned", severity: "critical" }), startsAt }]);
    await eventually("the zoned message", sent, 20_000);
    const mine = () => sink.appCalls.filter((c) => c.body.touser === `tz${world.suffix}`);
    expect(mine()[0]!.body.markdown!.content).toContain("22:04");
    expect(mine()[0]!.body.markdown!.content).not.toContain("11:04");
    await db.user.update({ where: { id: world.dev.id }, data: { timeZone: null } });
    await ingest([{ labels: labels({ alertname: "Zoned", severity: "critical" }), startsAt }]);
    await eventually("the second", async () => ((await sent()) ?? 0) >= 2 || null, 20_000);
    expect(mine()[1]!.body.markdown!.content).toContain("11:04");
    await db.user.update({ where: { id: world.dev.id }, data: { locale: null } });
  });

  it("a robot mentions the people chosen by their bound WeCom ids, skipping those without one", async () => {
    await db.user.update({ where: { id: world.ops.id }, data: { wecomUserId: `hanmei${world.suffix}` } });
    const key = robotKey();
    await subscribe(world.dev, {
      appIds: [appId],
      alertnames: "Mentioned",
      channels: [{ kind: "wecom_robot", key, mentions: `${world.ops.email}\n${world.tester.email}` }],
    });
    await ingest([{ labels: labels({ alertname: "Mentioned", severity: "critical" }) }]);
    const [call] = await eventually("the robot message", async () => sink.delivered(key), 20_000);
    expect(call!.body.markdown!.content.trimEnd().endsWith(`<@hanmei${world.suffix}>`)).toBe(true);
    expect(call!.body.markdown!.content.match(/<@/g)).toHaveLength(1);
  });

  it("a webhook gets the documented body with an HMAC-SHA256 signature of the subscription's secret", async () => {
    const { id, webhookSecrets } = await subscribe(world.dev, {
      appIds: [appId],
      alertnames: "Hooked",
      channels: [{ kind: "webhook", url: `${recorder.url}/hooks/team-a` }],
    });
    const [secret] = webhookSecrets;
    expect(secret?.secret).toMatch(/^[\w-]{30,}$/);
    await ingest([{ labels: labels({ alertname: "Hooked", severity: "critical" }) }]);
    const request = await eventually(
      "the webhook",
      async () => recorder.requests.find((r) => r.path === "/hooks/team-a"),
      20_000,
    );
    const expected = `sha256=${createHmac("sha256", secret!.secret).update(request.body).digest("hex")}`;
    expect(request.headers["x-slipway-signature-256"]).toBe(expected);
    const body = JSON.parse(request.body) as {
      version: string;
      id: string;
      kind: string;
      counts: object;
      alerts: { alertname: string; status: string; app: object }[];
    };
    expect(body).toMatchObject({
      version: "1",
      kind: "immediate",
      counts: { firing: 1, resolved: 0 },
      subscription: { id },
    });
    expect(body.alerts[0]).toMatchObject({ alertname: "Hooked", status: "firing", app: { id: appId, name: appName } });
    expect(request.headers["x-slipway-delivery"]).toBe(body.id);
  });

  it("refuses a webhook URL outside the allow list, naming the field, and saves nothing", async () => {
    const count = await db.alertSubscription.count();
    await expect(
      subscribe(world.dev, { channels: [{ kind: "webhook", url: "https://evil.example/hook" }] }),
    ).rejects.toMatchObject({ field: "channels.0.url", messageKey: "alerts.urlNotAllowed" });
    await expect(subscribe(world.dev, { channels: [] })).rejects.toThrow();
    expect(await db.alertSubscription.count()).toBe(count);
  });

  it("an e-mail goes through the SMTP server with the password sealed in the settings", async () => {
    const settings = await db.alertingSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.smtpPasswordEncrypted).toMatch(/^enc:v1:/);
    await subscribe(world.dev, {
      appIds: [appId],
      alertnames: "Mailed",
      channels: [{ kind: "email", addresses: "oncall@example.test" }],
    });
    await ingest([{ labels: labels({ alertname: "Mailed", severity: "critical" }) }]);
    const mail = await eventually(
      "the e-mail",
      async () => smtp.mails.find((m) => m.to.includes("oncall@example.test")),
      20_000,
    );
    expect(mail.subject).toContain("[Slipway] [FIRING] Mailed");
    expect(mail.from).toBe("alerts@slipway.test");
    expect(mail.raw).toContain(`/alerts/`);
  });

  it("the console channel puts one entry per message into the owner's inbox", async () => {
    const before = await unreadCount(world.tester.id);
    await subscribe(world.tester, { appIds: [appId], alertnames: "Inboxed", channels: [{ kind: "console" }] });
    await ingest([
      { labels: labels({ alertname: "Inboxed", severity: "critical" }) },
      { labels: labels({ alertname: "Inboxed", severity: "critical" }) },
    ]);
    await eventually("the inbox entry", async () => (await unreadCount(world.tester.id)) > before || null, 20_000);
    await runJobsUntilIdle(JOBS, { includeDeferred: true });
    expect(await unreadCount(world.tester.id)).toBe(before + 1);
  });
});
