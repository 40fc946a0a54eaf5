import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ALERT_TOKEN, alertedApp, configureAlerting, robotKey, subscribe } from "@/test/alert-fixtures";
import { makeReleaseWorld } from "@/test/release-fixtures";
import { eventually } from "@/test/sandbox";
import { freePort, startAlertmanager, type Alertmanager } from "@/test/support/alertmanager";
import { startWecomSink, type WecomSink } from "@/test/support/wecom-sink";

// Real Slipway processes (test/support/slipway-process.ts: the webhook route and the job
// queue's workers) on this test's database, with a real Alertmanager posting to them.
const root = join(import.meta.dirname, "..", "..", "..");
const children = new Set<ChildProcess>();

async function startProcess(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", join(root, "test", "support", "slipway-process.ts")],
    {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "", SLIPWAY_PROCESS_PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.add(child);
  child.once("exit", () => children.delete(child));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`slipway process exited (${code}) before it was ready`)));
  });
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

let sink: WecomSink;
let world: Awaited<ReturnType<typeof makeReleaseWorld>>;
let namespace: string;
let appName: string;
let appId: string;

beforeAll(async () => {
  sink = await startWecomSink();
  world = await makeReleaseWorld();
  await configureAlerting(world.admin, { wecomApiBase: sink.url });
  ({ appName, appId, namespace } = await alertedApp(world, "mp"));
}, 120_000);

afterEach(async () => {
  for (const child of [...children]) await stop(child, "SIGKILL");
});

afterAll(async () => {
  await sink?.close();
});

async function withAlertmanager<T>(port: number, work: (am: Alertmanager) => Promise<T>): Promise<T> {
  const alertmanager = await startAlertmanager({
    webhookUrl: `http://127.0.0.1:${port}/api/webhooks/alertmanager`,
    token: ALERT_TOKEN,
  });
  try {
    return await work(alertmanager);
  } finally {
    await alertmanager.stop();
  }
}

describe("exactly one message with several Slipway processes", () => {
  it("a Slipway process killed in the middle of a window: its successor sends the digest once", async () => {
    const key = robotKey();
    const { id } = await subscribe(
      world.dev,
      { appIds: [appId], alertnames: "Restarted", channels: [{ kind: "wecom_robot", key }] },
      10,
    );
    const port = await freePort();
    const first = await startProcess(port);
    await withAlertmanager(port, async (alertmanager) => {
      await alertmanager.post(
        [1, 2, 3].map((n) => ({
          labels: { alertname: "Restarted", severity: "warning", namespace, app: appName, n: String(n) },
        })),
      );
      await eventually(
        "the window open with 3 alerts",
        async () => {
          const items = await db.alertMessageItem.count({ where: { message: { subscriptionId: id, state: "open" } } });
          return items === 3 || null;
        },
        30_000,
      );
      await stop(first, "SIGKILL");
      await startProcess(port);
      const message = await db.alertMessage.findFirstOrThrow({ where: { subscriptionId: id } });
      await eventually("the digest", async () => sink.delivered(key).length || null, 60_000);
      // Give a second sender every chance to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(sink.delivered(key)).toHaveLength(1);
      expect(sink.delivered(key)[0]!.body.markdown!.content).toContain("3 firing, 0 resolved");
      expect(await db.alertMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ state: "sent" });
    });
  }, 150_000);

  it("two Slipway processes working the same queue send each message once", async () => {
    const key = robotKey();
    const { id } = await subscribe(
      world.dev,
      { appIds: [appId], alertnames: "Twice", channels: [{ kind: "wecom_robot", key }] },
      5,
    );
    const [portA, portB] = [await freePort(), await freePort()];
    await Promise.all([startProcess(portA), startProcess(portB)]);
    await withAlertmanager(portA, async (alertmanager) => {
      await alertmanager.post([
        { labels: { alertname: "Twice", severity: "warning", namespace, app: appName, n: "1" } },
        { labels: { alertname: "Twice", severity: "warning", namespace, app: appName, n: "2" } },
        { labels: { alertname: "Twice", severity: "critical", namespace, app: appName, n: "3" } },
      ]);
      // The critical one at once (the ingesting process, with the other's job as safety net),
      // the warnings in one digest.
      await eventually("both messages", async () => (sink.delivered(key).length >= 2 ? true : null), 60_000);
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      expect(sink.delivered(key)).toHaveLength(2);
      const states = await db.alertMessage.findMany({
        where: { subscriptionId: id },
        select: { state: true, urgent: true },
      });
      expect(states.sort((a, b) => Number(a.urgent) - Number(b.urgent))).toEqual([
        { state: "sent", urgent: false },
        { state: "sent", urgent: true },
      ]);
    });
  }, 150_000);
});
