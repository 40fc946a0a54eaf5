// Deploy benchmark: (a) Slipway's deploy request against a bare server-side apply of the same
// objects, (b) the time from a Deployment status change to the release page showing it.
//   export PATH=$HOME/.cache/slipway/toolchain/node-24.21.0/bin:$PATH
//   node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/deploy/run.ts [--runs 50] [--deploys 10]
// Starts its own PostgreSQL (port 54359, or SLIPWAY_BENCH_PG_PORT) and `next start` (port 3210, or
// SLIPWAY_BENCH_PORT) and stops them at the end;
// uses the shared test sandbox (.data/test-sandbox, started if needed, left running). Builds
// .next first when there is no production build. See bench/deploy/README.md.
import { cpus, loadavg } from "node:os";
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { db } from "@/lib/db";
import { shareConnections } from "@/lib/kube/connections";
import { BARE_NAMESPACE, KEPT_NAMESPACE, measureApplyRatio, type RatioResult } from "./apply-ratio";
import { BASE_URL, benchEnvironment, benchHarness, type Harness } from "./harness";
import { measureLiveLatency, summary, type LatencyResult } from "./live-latency";
import { cpuTimes, median, ms, percentile, progress, stealShare } from "./stats";
import { adminUser, createBenchApp, objectApi, setReplicas, signIn, TEAM } from "./world";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const RUNS = option("runs", 50);
const DEPLOYS = option("deploys", 10);
const NAMESPACES = [`${TEAM}-dev`, BARE_NAMESPACE, KEPT_NAMESPACE];

// Namespaces of an earlier run are deleted and waited for, so each run starts from nothing.
async function clearNamespaces(admin: KubernetesObjectApi, wait: boolean): Promise<void> {
  const spec = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  for (const name of NAMESPACES) await admin.delete(spec(name)).catch(() => undefined);
  const deadline = Date.now() + 180_000;
  while (wait && Date.now() < deadline) {
    const left = await Promise.all(
      NAMESPACES.map((name) =>
        admin.read(spec(name)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!left.includes(true)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (wait) throw new Error(`namespaces ${NAMESPACES.join(", ")} were not deleted within 180 s`);
}

function reportRatio(result: RatioResult): void {
  const ratios = result.slipway.map((value, index) => value / result.bare[index]!);
  console.log(
    `(a) deploy request vs bare server-side apply: ${result.slipway.length} runs counted ` +
      `(+${result.warmUp} warm-up, ${result.failed} failed releases left out); objects ${result.kinds.join(", ")}`,
  );
  console.log(
    `    Slipway POST /api/releases     median ${ms(median(result.slipway))}   p90 ${ms(percentile(result.slipway, 90))}`,
  );
  console.log(
    `    bare client-node SSA           median ${ms(median(result.bare))}   p90 ${ms(percentile(result.bare, 90))}`,
  );
  console.log(
    `    bare SSA, kept connections     median ${ms(median(result.kept))}   p90 ${ms(percentile(result.kept, 90))}   (as Slipway connects, lib/kube/connections.ts)`,
  );
  console.log(
    `    ratio (median / median)        ${(median(result.slipway) / median(result.bare)).toFixed(2)}   goal <= 1.2 (issue 12; 1.3 issue 5)`,
  );
  console.log(
    `    ratio to kept connections      ${(median(result.slipway) / median(result.kept)).toFixed(2)}   (Slipway's own cost beyond the apply)`,
  );
  console.log(
    `    ratio per run                  median ${median(ratios).toFixed(2)}   p90 ${percentile(ratios, 90).toFixed(2)}`,
  );
  // Where Slipway's time goes, by the server's own clock; "outside" is the rest of the round
  // trip (HTTP, Next.js routing, reading the body), per run.
  const names = [...new Set(result.phases.flatMap((phases) => Object.keys(phases)))];
  const outside = result.phases.map((phases, index) => result.slipway[index]! - (phases.total ?? Number.NaN));
  console.log(
    `    Slipway's phases (median)      ${[...names.map((name) => `${name} ${ms(median(result.phases.map((phases) => phases[name] ?? Number.NaN).filter(Number.isFinite)))}`), `outside ${ms(median(outside.filter(Number.isFinite)))}`].join(", ")}`,
  );
}

function reportLatency(result: LatencyResult): void {
  const shown = summary(result.frame);
  const dom = summary(result.dom);
  console.log(
    `(b) Deployment status change -> release page: ${result.deploys} deploys (+${result.warmUp} warm-up), 3 replicas; ` +
      `${result.changes} changes while the page was live, ${result.frame.length} samples, ` +
      `${result.missed} missed (never shown: folded into a later push), ${result.skipped} deploys not counted`,
  );
  console.log(
    `    painted (next frame)   p50 ${ms(shown.p50)}   p95 ${ms(shown.p95)}   max ${ms(shown.max)}   goals p95 <= 300 ms (issue 5), <= 150 ms (issue 12)`,
  );
  console.log(`    in the DOM             p50 ${ms(dom.p50)}   p95 ${ms(dom.p95)}   max ${ms(dom.max)}`);
  // The same path in two parts: the server (follower, write, NOTIFY, read, push) and the page.
  const received = summary(result.received);
  const rendered = summary(result.rendered);
  console.log(
    `      arrived in the page  p50 ${ms(received.p50)}   p95 ${ms(received.p95)}   max ${ms(received.max)}   (${result.received.length} samples)`,
  );
  console.log(`      then in the DOM      p50 ${ms(rendered.p50)}   p95 ${ms(rendered.p95)}   max ${ms(rendered.max)}`);
}

// The least a request to the console costs here: Next.js routing, one query, the HTTP hop.
async function httpFloor(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    const response = await fetch(`${BASE_URL}/api/health`);
    await response.text();
    if (i >= 10) times.push(performance.now() - started);
  }
  return times;
}

async function main(harness: Harness): Promise<void> {
  const load = loadavg().map((value) => value.toFixed(2));
  const cpuAtStart = cpuTimes();
  const sandbox = await harness.start();
  const { config, objects } = objectApi(sandbox.slipwayKubeconfig);
  const adminConfig = new KubeConfig();
  adminConfig.loadFromFile(sandbox.adminKubeconfig);
  const adminObjects = KubernetesObjectApi.makeApiClient(adminConfig);
  progress(`clearing namespaces of earlier runs (${NAMESPACES.join(", ")})`);
  await clearNamespaces(adminObjects, true);
  for (const name of [BARE_NAMESPACE, KEPT_NAMESPACE])
    await adminObjects.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  const kept = objectApi(sandbox.slipwayKubeconfig);
  shareConnections(kept.config);
  const admin = await adminUser();
  const app = await createBenchApp(admin);
  const session = await signIn();

  const floor = await httpFloor();
  progress(
    `(a) ${RUNS} runs (+5 warm-up): a deploy through Slipway and a bare apply on new and on kept connections each, rollouts waited for`,
  );
  const ratio = await measureApplyRatio({ session, app, objects, keptObjects: kept.objects, runs: RUNS, warmUp: 5 });

  await setReplicas(admin, app, 3);
  progress(`(b) ${DEPLOYS} deploys (+1 warm-up) of 3 replicas, each watched in Chromium`);
  const latency = await measureLiveLatency({ session, app, config, objects, deploys: DEPLOYS, warmUp: 1 });

  await clearNamespaces(adminObjects, false);
  console.log("");
  console.log(
    `Slipway deploy benchmark, ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs, ` +
      `load average at start ${load.join(" ")}, at end ${loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}, ${stealShare(cpuAtStart, cpuTimes())}`,
  );
  reportRatio(ratio);
  console.log(
    `    for scale: GET /api/health (one SELECT 1) median ${ms(median(floor))}, p90 ${ms(percentile(floor, 90))} (${floor.length} requests)`,
  );
  reportLatency(latency);
}

benchEnvironment();
const harness = benchHarness();
let interrupted = false;
let stopped: Promise<void> | undefined;
const stop = () =>
  (stopped ??= (async () => {
    progress("stopping next and PostgreSQL (the sandbox keeps running)");
    await db.$disconnect().catch(() => undefined);
    await harness.stop();
  })());
const onSignal = () => {
  interrupted = true;
  progress("interrupted");
  void stop().then(() => process.exit(130));
};
process.once("SIGINT", onSignal);
process.once("SIGTERM", onSignal);
try {
  await main(harness);
} catch (error) {
  // Interrupted: what failed was the servers going away under the run.
  if (!interrupted) throw error;
} finally {
  await stop();
}
process.exit(interrupted ? 130 : 0);
