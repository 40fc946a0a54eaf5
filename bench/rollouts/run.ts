// Many rollouts at once, many release pages open (issue 17): 20 apps of one team deployed
// together to one namespace, each release followed by 5 live streams (the release page's
// Server-Sent Events, 100 in all). Prints the watch connections the server opened per round and
// the time from a Deployment status change to the streams carrying it. See bench/rollouts/README.md.
//   node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/rollouts/run.ts [--apps 20] [--streams 5] [--rounds 3]
import { cpus, loadavg } from "node:os";
import { Watch, type KubeConfig, type V1Deployment } from "@kubernetes/client-node";
import { Client } from "pg";
import { db } from "@/lib/db";
import { RELEASE_CHANNEL } from "@/lib/services/releases/release-store";
import { createApp } from "@/lib/services/apps/create-app";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { saveEnvironmentRouting } from "@/lib/services/environments/save-environment-routing";
import { createTeam } from "@/lib/services/teams/create-team";
import { HELLO_APP_VALUES } from "@/lib/templates/builtin/sample-values";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { BASE_URL, benchEnvironment, benchHarness } from "../deploy/harness";
import { kubeRequests } from "../deploy/kube-requests";
import { percentile, progress } from "../deploy/stats";
import { adminUser, objectApi, postRelease, signIn, waitForRelease, type BenchApp } from "../deploy/world";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const APPS = option("apps", 20);
const STREAMS = option("streams", 5);
const ROUNDS = option("rounds", 3);
const TEAM = "roll";
const NAMESPACE = `${TEAM}-dev`;
const TAGS = ["3.0.0", "3.0.1"];
const context = { requestId: "bench-rollouts", ip: "127.0.0.1" };
// The bench's own watch may hear of a change a little after the server does.
const CLOCK_SLACK_MS = 20;

type Change = { at: number; tuple: string };
const tupleOf = (counts: { updated?: number; ready?: number; available?: number }) =>
  [counts.updated, counts.ready, counts.available].map((value) => value ?? 0).join(",");

async function createApps(): Promise<BenchApp[]> {
  const admin = await adminUser();
  const team = await createTeam(admin, { name: TEAM, displayName: "Rollouts benchmark" }, context);
  const version = await db.templateVersion.findFirstOrThrow({
    where: { template: { name: "web-service" } },
    orderBy: { version: "desc" },
  });
  const environment = await db.environment.findUniqueOrThrow({ where: { name: "dev" } });
  await saveEnvironmentRouting(admin, { id: environment.id, routing: "ingress_nginx" }, context);
  const { image: _image, ...values } = HELLO_APP_VALUES;
  const apps: BenchApp[] = [];
  for (let i = 1; i <= APPS; i++) {
    const name = `r${String(i).padStart(2, "0")}`;
    const app = await createApp(
      admin,
      ZCreateAppSchema.parse({
        name,
        teamId: team.id,
        templateVersionId: version.id,
        imageRepository: `harbor.example.com/${TEAM}/${name}`,
      }),
      context,
    );
    await saveAppEnvironment(
      admin,
      { appId: app.id, environmentId: environment.id, values: { ...values, replicas: 2 } },
      context,
    );
    apps.push({ appId: app.id, environmentId: environment.id, namespace: NAMESPACE, deployment: name });
  }
  return apps;
}

// Every status change of every Deployment in the namespace, as the bench's own watch hears it.
async function referenceWatch(config: KubeConfig) {
  const changes = new Map<string, Change[]>();
  const last = new Map<string, string>();
  const controller = await new Watch(config).watch(
    `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
    {},
    (type, object: V1Deployment) => {
      const name = object.metadata?.name ?? "";
      const s = object.status ?? {};
      const tuple = tupleOf({ updated: s.updatedReplicas, ready: s.readyReplicas, available: s.availableReplicas });
      if (last.get(name) === tuple) return;
      last.set(name, tuple);
      if (type === "MODIFIED") changes.set(name, [...(changes.get(name) ?? []), { at: Date.now(), tuple }]);
    },
    () => undefined,
  );
  return { changes, stop: () => controller.abort() };
}

// When each release's changes were recorded: the NOTIFY every write sends, heard on a connection
// of the bench's own. It splits a latency in two: change -> recorded (the follower hearing the
// change from its cache and writing it) and recorded -> stream (the server's read and push, and
// the bench reading the stream).
async function notifyWatch() {
  const heard = new Map<string, number[]>();
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  client.on("notification", ({ payload }) => {
    if (payload) heard.set(payload, [...(heard.get(payload) ?? []), Date.now()]);
  });
  await client.connect();
  await client.query(`LISTEN ${RELEASE_CHANNEL}`);
  return { heard, stop: () => client.end() };
}

async function commits(): Promise<number> {
  const [row] = await db.$queryRaw<{ commits: bigint }[]>`
    SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()`;
  return Number(row?.commits ?? 0);
}

// One release page's live stream: when it first spoke, and when each rollout state first arrived.
type StreamRecord = { firstAt: number | null; arrivals: Change[] };

function openStream(session: string, releaseId: string, signal: AbortSignal): StreamRecord {
  const record: StreamRecord = { firstAt: null, arrivals: [] };
  const seen = new Set<string>();
  void (async () => {
    const response = await fetch(`${BASE_URL}/api/releases/${releaseId}/events`, {
      headers: { cookie: `next-auth.session-token=${session}`, accept: "text/event-stream" },
      signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (!/^event: state$/m.test(message) || !data) continue;
        const at = Date.now();
        record.firstAt ??= at;
        const rollout = (JSON.parse(data) as { rollout: Parameters<typeof tupleOf>[0] | null }).rollout;
        if (!rollout) continue;
        const tuple = tupleOf(rollout);
        if (seen.has(tuple)) continue;
        seen.add(tuple);
        record.arrivals.push({ at, tuple });
      }
    }
  })().catch(() => undefined);
  return record;
}

type Round = {
  // Transactions the database committed during the round (all of Slipway's statements).
  transactions: number;
  watches: number;
  other: number;
  latencies: number[];
  // The same samples in two parts, where the write's NOTIFY was heard.
  recorded: number[];
  pushed: number[];
  // From a release's follow job being queued to a worker starting it (pg-boss's own timestamps).
  followerWaits: number[];
  changes: number;
  missed: number;
  seconds: number;
};

async function round(session: string, cookie: string, config: KubeConfig, apps: BenchApp[], tag: string) {
  const environmentId = apps[0]!.environmentId;
  const reference = await referenceWatch(config);
  const notifies = await notifyWatch();
  const before = await kubeRequests(cookie, environmentId);
  const commitsBefore = await commits();
  const started = Date.now();
  const abort = new AbortController();
  const streams = new Map<string, StreamRecord[]>();
  const releaseOf = new Map<string, string>();
  const releases = await Promise.all(
    apps.map(async (app) => {
      const { releaseId } = await postRelease(session, app, tag);
      releaseOf.set(app.deployment, releaseId);
      streams.set(
        app.deployment,
        Array.from({ length: STREAMS }, () => openStream(session, releaseId, abort.signal)),
      );
      return releaseId;
    }),
  );
  const statuses = await Promise.all(releases.map((id) => waitForRelease(id, 300_000, 1_000)));
  const seconds = (Date.now() - started) / 1000;
  // The last pushes may still be on their way.
  await new Promise((resolve) => setTimeout(resolve, 500));
  abort.abort();
  reference.stop();
  await notifies.stop();
  const after = await kubeRequests(cookie, environmentId);
  const transactions = (await commits()) - commitsBefore;
  const waits = await db.$queryRaw<{ ms: number }[]>`
    SELECT (extract(epoch FROM started_on - created_on) * 1000)::float8 AS ms FROM pgboss.job
    WHERE name = 'release-follow' AND started_on IS NOT NULL AND data->>'releaseId' = ANY(${releases}::text[])`;
  const result: Round = {
    transactions,
    watches: after.watch - before.watch,
    other: after.other - before.other,
    latencies: [],
    recorded: [],
    pushed: [],
    followerWaits: waits.map((row) => Math.round(row.ms)),
    changes: 0,
    missed: 0,
    seconds,
  };
  for (const [name, records] of streams)
    for (const record of records) {
      if (record.firstAt === null) continue;
      // Only what happened while the stream was listening.
      for (const change of reference.changes.get(name) ?? []) {
        if (change.at <= record.firstAt) continue;
        result.changes++;
        const shown = record.arrivals.find((a) => a.tuple === change.tuple && a.at >= change.at - CLOCK_SLACK_MS);
        if (!shown) {
          result.missed++;
          continue;
        }
        result.latencies.push(shown.at - change.at);
        // The first write after the change that came before the arrival.
        const heard = (notifies.heard.get(releaseOf.get(name) ?? "") ?? []).find(
          (at) => at >= change.at - CLOCK_SLACK_MS && at <= shown.at,
        );
        if (heard === undefined) continue;
        result.recorded.push(heard - change.at);
        result.pushed.push(shown.at - heard);
      }
    }
  const failed = statuses.filter((status) => status !== "succeeded").length;
  return { result, failed };
}

async function main() {
  benchEnvironment();
  const harness = benchHarness();
  process.once("SIGINT", () => void harness.stop().then(() => process.exit(130)));
  try {
    const sandbox = await harness.start();
    const { config, objects } = objectApi(sandbox.adminKubeconfig);
    await objects.delete({ apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } }).catch(() => undefined);
    progress(`creating ${APPS} apps of team ${TEAM} (2 replicas each, namespace ${NAMESPACE})`);
    const apps = await createApps();
    const session = await signIn();
    const cookie = `next-auth.session-token=${session}`;
    progress(`warm-up: ${APPS} first deploys at once (creates the namespace and the Deployments)`);
    await round(session, cookie, config, apps, "2.9.9");
    const loadAtStart = loadavg();
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const { result, failed } = await round(session, cookie, config, apps, TAGS[i % TAGS.length]!);
      rounds.push(result);
      progress(
        `round ${i + 1}/${ROUNDS}: ${APPS} rollouts in ${result.seconds.toFixed(1)} s (${failed} not succeeded), ` +
          `${result.watches} watch connections opened, ${result.other} other requests, ` +
          `${result.latencies.length} samples, ${result.missed} missed`,
      );
    }
    const latencies = rounds.flatMap((r) => r.latencies);
    const watches = rounds.map((r) => r.watches);
    console.log(
      `\nSlipway rollouts benchmark, ${new Date().toISOString()}, ${cpus().length} CPUs, load average at start ` +
        `${loadAtStart.map((l) => l.toFixed(2)).join(" ")}, at end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
    );
    console.log(
      `${APPS} concurrent rollouts in one namespace, ${APPS * STREAMS} live release streams, ${ROUNDS} rounds`,
    );
    console.log(
      `  watch connections opened per round   ${watches.join(", ")}   goal: one per (environment, kind, namespace) in use`,
    );
    console.log(`  other Kubernetes requests per round  ${rounds.map((r) => r.other).join(", ")}   (figure)`);
    console.log(`  database transactions per round      ${rounds.map((r) => r.transactions).join(", ")}   (figure)`);
    console.log(
      `  status change -> stream              p50 ${percentile(latencies, 50)} ms   p95 ${percentile(latencies, 95)} ms   ` +
        `max ${Math.max(...latencies)} ms   (${latencies.length} samples, ${rounds.reduce((n, r) => n + r.missed, 0)} missed)   goal: p95 <= 300 ms`,
    );
    const recorded = rounds.flatMap((r) => r.recorded);
    const pushed = rounds.flatMap((r) => r.pushed);
    console.log(
      `    change -> recorded (NOTIFY heard)  p50 ${percentile(recorded, 50)} ms   p95 ${percentile(recorded, 95)} ms   ` +
        `(${recorded.length} samples)`,
    );
    console.log(
      `    recorded -> stream                 p50 ${percentile(pushed, 50)} ms   p95 ${percentile(pushed, 95)} ms`,
    );
    const waits = rounds.flatMap((r) => r.followerWaits);
    console.log(
      `  follow job queued -> started         p50 ${percentile(waits, 50)} ms   p95 ${percentile(waits, 95)} ms   ` +
        `max ${Math.max(...waits)} ms   (${waits.length} releases)`,
    );
    await objects.delete({ apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } }).catch(() => undefined);
  } finally {
    progress("stopping next and PostgreSQL (the sandbox keeps running)");
    await harness.stop();
  }
}

await main();
process.exit(0);
