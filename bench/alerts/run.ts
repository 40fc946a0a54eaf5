// Alerts benchmark: (a) ingest rate of Alertmanager-shaped webhook batches of 50 alerts,
// (b) the time from a high-severity alert posted to Slipway to its WeCom robot message arriving.
//   export PATH=$HOME/.cache/slipway/toolchain/node-24.21.0/bin:$PATH
//   node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/alerts/run.ts [--batches 100] [--samples 40]
// Starts its own PostgreSQL and `next start` (bench/deploy/harness.ts; ports BENCH_PG_PORT and
// BENCH_NEXT_PORT) and a loopback WeCom sink, and stops them at the end. See bench/alerts/README.md.
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseServerTiming } from "@/lib/server-timing";
import { benchEnvironment, benchHarness, BASE_URL } from "../deploy/harness";
import { median, ms, percentile, progress } from "../deploy/stats";
import { startWecomSink, type WecomSink } from "../../test/support/wecom-sink";
import { setUpAlerting, TOKEN, type AlertsWorld } from "./world";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const BATCHES = option("batches", 100);
const SAMPLES = option("samples", 40);
const BATCH = 50;

// One Alertmanager notification (webhook payload v4) as Alertmanager 0.25 sends it.
function payload(alerts: { labels: Record<string, string>; fingerprint: string }[]) {
  const now = new Date().toISOString();
  return JSON.stringify({
    version: "4",
    groupKey: '{}:{alertname="BenchLatency"}',
    truncatedAlerts: 0,
    status: "firing",
    receiver: "slipway",
    groupLabels: { alertname: alerts[0]?.labels.alertname },
    commonLabels: { namespace: alerts[0]?.labels.namespace },
    commonAnnotations: {},
    externalURL: "http://alertmanager.bench:9093",
    alerts: alerts.map((alert) => ({
      status: "firing",
      labels: alert.labels,
      annotations: { summary: "p99 above 1 s", runbook_url: "https://runbooks.example/latency" },
      startsAt: now,
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.bench:9090/graph?g0.expr=histogram_quantile",
      fingerprint: alert.fingerprint,
    })),
  });
}

// Slipway's own clock per phase (Server-Timing), summed over the requests of a run.
const phases = new Map<string, number[]>();

async function post(body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${BASE_URL}/api/webhooks/alertmanager`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  for (const [name, value] of Object.entries(parseServerTiming(response.headers.get("server-timing"))))
    phases.set(name, [...(phases.get(name) ?? []), value]);
  return performance.now() - started;
}

function batchOf(world: AlertsWorld, run: string, n: number, severity: string) {
  return Array.from({ length: BATCH }, (_, i) => ({
    labels: {
      alertname: "BenchLatency",
      severity,
      namespace: world.namespace,
      app: world.app,
      pod: `${world.app}-${run}-${n}-${i}`,
    },
    fingerprint: randomBytes(8).toString("hex"),
  }));
}

// (a) Batches posted one after another, then four at a time (Alertmanager flushes groups in
// parallel). Every alert is new, matched to the app, and joins a digest window.
async function ingestRate(world: AlertsWorld) {
  for (let n = 0; n < 5; n++) await post(payload(batchOf(world, "warm", n, "warning")));
  const results: { label: string; alerts: number; seconds: number; latencies: number[] }[] = [];
  for (const concurrency of [1, 4]) {
    const bodies = Array.from({ length: BATCHES }, (_, n) => payload(batchOf(world, `c${concurrency}`, n, "warning")));
    const latencies: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) latencies.push(await post(bodies[next++]!));
      }),
    );
    results.push({
      label: concurrency === 1 ? "one request at a time" : "four requests at a time",
      alerts: BATCHES * BATCH,
      seconds: (performance.now() - started) / 1000,
      latencies,
    });
  }
  return results;
}

// (b) One critical alert at a time, each for its own robot (so WeCom's 20 a minute per robot
// does not come in); from the request leaving to the sink receiving the robot call.
async function urgentLatency(world: AlertsWorld, sink: WecomSink) {
  const latencies: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const key = world.robotKeys[i]!;
    const body = payload([
      {
        labels: { alertname: `BenchDown${i}`, severity: "critical", namespace: world.namespace, app: world.app },
        fingerprint: randomBytes(8).toString("hex"),
      },
    ]);
    const started = Date.now();
    await post(body);
    const deadline = started + 30_000;
    while (sink.delivered(key).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    const call = sink.delivered(key)[0];
    if (!call) throw new Error(`no robot message for sample ${i} within 30 s`);
    latencies.push(call.at - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return latencies;
}

benchEnvironment();
const harness = benchHarness();
const sink = await startWecomSink();
const stop = async () => {
  await harness.stop();
  await sink.close();
};
process.once("SIGINT", () => void stop().then(() => process.exit(130)));
try {
  await harness.start();
  const world = await setUpAlerting(sink.url, SAMPLES);
  progress(`(a) ${BATCHES} batches of ${BATCH} alerts, one at a time and four at a time (+5 warm-up)`);
  const rates = await ingestRate(world);
  const ingestPhases = [...phases].map(([name, values]) => `${name} ${ms(median(values))}`).join(", ");
  progress(`(b) ${SAMPLES} critical alerts, one at a time`);
  const latencies = await urgentLatency(world, sink);
  console.log(
    `\nmachine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  for (const rate of rates)
    console.log(
      `(a) ingest, ${rate.label}: ${rate.alerts} alerts in ${rate.seconds.toFixed(2)} s = ` +
        `${Math.round(rate.alerts / rate.seconds)} alerts/s (goal >= 2000); request median ` +
        `${ms(median(rate.latencies))}, p95 ${ms(percentile(rate.latencies, 95))}`,
    );
  console.log(`    Slipway's phases per request (median, server clock): ${ingestPhases}`);
  console.log(
    `(b) critical alert posted -> robot message in the sink: median ${ms(median(latencies))}, ` +
      `p95 ${ms(percentile(latencies, 95))} (goal p95 <= 1000 ms), max ${ms(Math.max(...latencies))}`,
  );
} finally {
  await stop();
}
