// The app list at 10,000 apps (issue 17): seeds apps straight into the database, then measures
// the list page as a signed-in browser fetches it, prints each figure beside its goal, and
// stops everything it started. See bench/scale/README.md.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { buildClient } from "@/lib/kube/client";
import { parseKubeconfig } from "@/lib/kube/kubeconfig";
import { acquireCache } from "@/lib/kube/watch-cache/registry";
import { db } from "@/lib/db";
import { root } from "@/scripts/lib/prepare";
import { signIn as signInAs } from "@/test/slipway-server";
import { seedApps } from "@/test/app-list-fixtures";
import { renderNamespace } from "@/lib/services/environments/environment-view";
import { encodeAppListCursor } from "@/lib/validations/app-list";
import { ADMIN, BASE_URL, benchEnvironment, benchHarness } from "../deploy/harness";
import { kubeRequests } from "../deploy/kube-requests";
import { loadavg } from "node:os";
import { cpuTimes, ms, percentile, progress, stealShare } from "../deploy/stats";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const APPS = arg("apps", 10_000);
const RUNS = arg("runs", 40);
// How many of the apps released to dev get a Deployment in the sandbox (1 replica each, in their
// team's namespace): the list's live counts then come from real caches.
const DEPLOYMENTS = arg("deployments", 3_000);
// A file of public/, which the front passes to Next.js: its router and proxy, then the file, and
// no page or React code. What any answer of Next.js's one process waits for at least; the kept
// /login, answered by the front itself (scripts/lib/front.ts), does not.
const STATIC_FILE = "/icon.svg";

// `kept`: a sign-in page answered from the copy the front keeps (lib/auth/login-page-cache.ts).
type Timed = { milliseconds: number; bytes: number; status: number; kept: boolean };

async function get(path: string, cookie?: string): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(`${BASE_URL}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const body = await response.arrayBuffer();
  return {
    milliseconds: performance.now() - started,
    bytes: body.byteLength,
    status: response.status,
    kept: (response.headers.get("server-timing") ?? "").includes('login-page;desc="kept"'),
  };
}

async function sample(path: string, cookie: string, runs: number): Promise<Timed[]> {
  const results: Timed[] = [];
  for (let i = 0; i < runs; i++) results.push(await get(path, cookie));
  const failed = results.find((result) => result.status !== 200);
  if (failed) throw new Error(`${path}: HTTP ${failed.status}`);
  return results;
}

const p95 = (results: Timed[]) =>
  percentile(
    results.map((r) => r.milliseconds),
    95,
  );
const p50 = (results: Timed[]) =>
  percentile(
    results.map((r) => r.milliseconds),
    50,
  );
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function line(figure: string, value: string, goal: string) {
  console.log(`${figure.padEnd(58)} ${value.padEnd(28)} goal: ${goal}`);
}

// Deletes the namespaces (a run stopped before its end leaves some); with `wait`, until they are
// gone, so they can be created afresh.
async function deleteNamespaces(admin: ReturnType<typeof buildClient>, names: string[], wait = true) {
  await Promise.all(names.map((name) => admin.core.deleteNamespace({ name }).catch(() => undefined)));
  if (!wait) return;
  for (let i = 0; i < 600; i++) {
    const { items } = await admin.core.listNamespace();
    const left = items.filter((item) => names.includes(item.metadata?.name ?? "")).length;
    if (left === 0) return;
    if (i % 10 === 0) progress(`  waiting for ${left} namespaces of an earlier run to go`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error("namespaces of an earlier run did not go within 10 minutes");
}

// The RSS of the `next start` server this bench started (its process listens on our port).
function serverRss(): number {
  let best = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) !== root) continue;
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!args.includes("next")) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      const environ = readFileSync(`/proc/${pid}/environ`, "utf8");
      if (rss && environ.includes(`NEXTAUTH_URL=${BASE_URL}`)) best = Math.max(best, Number(rss) * 1024);
    } catch {
      // gone, or not ours to read
    }
  }
  return best;
}

async function main() {
  benchEnvironment();
  const harness = benchHarness();
  let cleanup = async () => {};
  const stop = async () => {
    await cleanup();
    await harness.stop();
    process.exit(130);
  };
  process.once("SIGINT", () => void stop());
  try {
    const sandbox = await harness.start();
    const cookie = await signInAs(BASE_URL, ADMIN.email, ADMIN.password);
    const dev = await db.environment.findUniqueOrThrow({ where: { name: "dev" } });

    progress(`seeding 1,000 apps over 50 teams`);
    await seedApps({ prefix: "a", apps: 1_000, teams: 50 });
    await get("/apps", cookie);
    const small = await sample("/apps", cookie, Math.min(RUNS, 20));
    progress(`seeding ${APPS - 1_000} more apps (${APPS} in all) over 50 more teams`);
    await seedApps({ prefix: "b", apps: APPS - 1_000, teams: 50 });
    progress("seeding releases: a succeeded deploy in dev for a third of the apps, a failed one for 1 in 50");
    await db.$executeRaw`INSERT INTO manifests (hash, objects) VALUES ('bench-scale', '[]') ON CONFLICT DO NOTHING`;
    await db.$executeRaw`
      INSERT INTO releases (id, app_id, environment_id, number, kind, status, image, parameters, manifest_hash, actor_label, updated_at)
      SELECT gen_random_uuid(), a.id, ${dev.id}::uuid, 1, 'deploy',
        (CASE WHEN row_number() OVER (ORDER BY a.name) % 50 = 0 THEN 'failed' ELSE 'succeeded' END)::"ReleaseStatus",
        'bench/' || a.name || ':1', '{}', 'bench-scale', 'bench', now()
      FROM apps a WHERE abs(hashtext(a.name)) % 3 = 0`;
    await db.$executeRaw`ANALYZE`;

    // The apps deployed for real: a Deployment each in its team's dev namespace, as Slipway names
    // them (instance label = app name), so the list's live counts come from the caches.
    const admin = buildClient("bench-admin", parseKubeconfig(readFileSync(sandbox.adminKubeconfig, "utf8")).config);
    const deployed = await db.$queryRaw<{ name: string; team: string }[]>`
      SELECT a.name, t.name AS team FROM releases r JOIN apps a ON a.id = r.app_id JOIN teams t ON t.id = a.team_id
      WHERE r.environment_id = ${dev.id}::uuid ORDER BY a.name LIMIT ${DEPLOYMENTS}`;
    const namespaceOf = (team: string) => renderNamespace(dev.namespacePattern, { team, env: "dev" });
    const namespaces = [...new Set(deployed.map((app) => namespaceOf(app.team)))];
    progress(`deploying ${deployed.length} of those apps: 1 replica each, in ${namespaces.length} namespaces`);
    await deleteNamespaces(admin, namespaces);
    // The sandbox's 3 kwok nodes take 250 pods each: more fake nodes for these pods, removed at
    // the end (kwok manages every node with its annotation).
    const nodes = Array.from({ length: Math.ceil(deployed.length / 250) }, (_, i) => `bench-scale-node-${i}`);
    await Promise.all(nodes.map((name) => admin.core.deleteNode({ name }).catch(() => undefined)));
    for (const name of nodes)
      await admin.core.createNode({
        body: {
          metadata: {
            name,
            annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
            labels: { type: "kwok", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux" },
          },
          status: {
            allocatable: { cpu: "32", memory: "128Gi", pods: "250" },
            capacity: { cpu: "32", memory: "128Gi", pods: "250" },
          },
        },
      });
    cleanup = async () => {
      await deleteNamespaces(admin, namespaces, false);
      await Promise.all(nodes.map((name) => admin.core.deleteNode({ name }).catch(() => undefined)));
    };
    for (const name of namespaces) await admin.core.createNamespace({ body: { metadata: { name } } });
    const deployStarted = performance.now();
    for (let i = 0; i < deployed.length; i += 25) {
      await Promise.all(
        deployed.slice(i, i + 25).map(({ name, team }) =>
          admin.apps.createNamespacedDeployment({
            namespace: namespaceOf(team),
            body: {
              metadata: { name, labels: { "app.kubernetes.io/instance": name } },
              spec: {
                replicas: 1,
                selector: { matchLabels: { "app.kubernetes.io/instance": name } },
                template: {
                  metadata: { labels: { "app.kubernetes.io/instance": name } },
                  spec: { containers: [{ name: "app", image: `bench/${name}:1` }] },
                },
              },
            },
          }),
        ),
      );
      if ((i + 25) % 500 === 0) progress(`  ${i + 25} Deployments created`);
    }
    const deploySeconds = (performance.now() - deployStarted) / 1000;
    // The views are measured once the sandbox is quiet again: every pod created and ready.
    for (let waited = 0; ; waited += 5) {
      const { items } = await admin.apps.listDeploymentForAllNamespaces({
        labelSelector: "app.kubernetes.io/instance",
      });
      const ready = items.filter(
        (item) => namespaces.includes(item.metadata?.namespace ?? "") && item.status?.readyReplicas === 1,
      ).length;
      if (ready >= deployed.length) break;
      if (waited >= 900) throw new Error(`only ${ready} of ${deployed.length} Deployments ready after 15 minutes`);
      if (waited % 15 === 0) progress(`  ${ready} of ${deployed.length} Deployments ready`);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    const readySeconds = (performance.now() - deployStarted) / 1000;

    // The deepest page as its Next link reaches it (keyset, after the last row of the page before),
    // and as a page number typed into the URL (OFFSET).
    const deepest = Math.floor(APPS / 50) - 1;
    const [lastBefore] = await db.$queryRaw<{ team: string; name: string; id: string }[]>`
      SELECT t.name AS team, a.name, a.id::text AS id FROM apps a JOIN teams t ON t.id = a.team_id
      ORDER BY t.name, a.name, a.id OFFSET ${(deepest - 1) * 50 - 1} LIMIT 1`;
    const paths = [
      "/apps",
      "/apps?env=dev&status=degraded",
      "/apps?q=b-app-0421&team=b-t010",
      `/apps?after=${encodeAppListCursor(lastBefore!)}&page=${deepest}`,
      `/apps?page=${deepest}`,
    ];
    // The first view of a page starts the watch caches of its apps' namespaces (list + watch).
    for (const path of paths) await get(path, cookie);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const before = await kubeRequests(cookie, dev.id);
    // The views share two cores with the sandbox: the machine's state while they are measured.
    const cpuAtViews = cpuTimes();
    const loadAtViews = loadavg()[0]!.toFixed(2);
    const first = await sample(paths[0]!, cookie, RUNS);
    const filtered = await sample(paths[1]!, cookie, RUNS);
    const searched = await sample(paths[2]!, cookie, RUNS);
    const deep = await sample(paths[3]!, cookie, RUNS);
    const jump = await sample(paths[4]!, cookie, RUNS);
    const after = await kubeRequests(cookie, dev.id);

    progress("5 users listing at once, and a /login beside them");
    const loginAlone = await sample("/login", "", 20);
    // The floor: a static file, alone and beside them.
    const fileAlone = await sample(STATIC_FILE, "", 20);
    // The sign-in page's style sheet, which the browser needs before it shows the page: a file of
    // the build, answered by the front (scripts/lib/static-files.ts).
    const loginHtml = await (await fetch(`${BASE_URL}/login`)).text();
    const styleSheet = /<link rel="stylesheet" href="([^"]+\.css)"/.exec(loginHtml)?.[1];
    if (!styleSheet) throw new Error("the sign-in page names no style sheet");
    const sheetAlone = await sample(styleSheet, "", 20);
    const together: Timed[] = [];
    const logins: Timed[] = [];
    const files: Timed[] = [];
    const sheets: Timed[] = [];
    let busy = true;
    const users = Array.from({ length: 5 }, async (_, user) => {
      for (let i = 0; i < RUNS / 2; i++) together.push(await get(i % 2 ? "/apps" : `/apps?page=${user + 2}`, cookie));
    });
    const loginLoop = (async () => {
      while (busy) {
        logins.push(await get("/login"));
        files.push(await get(STATIC_FILE));
        sheets.push(await get(styleSheet));
      }
    })();
    await Promise.all(users);
    busy = false;
    await loginLoop;

    // The same five users as people use a list: each opens a page, reads it for 1-3 s, opens
    // another; a sign-in page is asked for every 250 ms beside them (30 s).
    progress("5 users listing with 1-3 s between views, and a /login every 250 ms beside them (30 s)");
    const paced: Timed[] = [];
    const pacedLogins: Timed[] = [];
    const pacedUntil = performance.now() + 30_000;
    const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
    await Promise.all([
      ...Array.from({ length: 5 }, async (_, user) => {
        await pause(user * 200);
        for (let i = 0; performance.now() < pacedUntil; i++) {
          paced.push(await get(i % 2 ? "/apps" : `/apps?page=${user + 2}`, cookie));
          await pause(1_000 + Math.random() * 2_000);
        }
      }),
      (async () => {
        while (performance.now() < pacedUntil) {
          pacedLogins.push(await get("/login"));
          await pause(250);
        }
      })(),
    ]);
    // Five users clicking at the same instant, and a sign-in at that instant too: 10 rounds.
    progress("5 users opening the list at the same instant, with a /login, 10 rounds 2 s apart");
    const burst: Timed[] = [];
    const burstLogins: Timed[] = [];
    for (let round = 0; round < 10; round++) {
      const [login, ...views] = await Promise.all([
        get("/login"),
        ...Array.from({ length: 5 }, (_, user) => get(round % 2 ? "/apps" : `/apps?page=${user + 2}`, cookie)),
      ]);
      burstLogins.push(login!);
      burst.push(...views);
      await pause(2_000);
    }

    const machine = `load average ${loadAtViews} -> ${loadavg()[0]!.toFixed(2)}, ${stealShare(cpuAtViews, cpuTimes())}`;

    progress(
      `a cold start: the Deployments and Pods caches of the ${namespaces.length} namespaces, synced from nothing`,
    );
    const client = buildClient("bench-cold", parseKubeconfig(readFileSync(sandbox.slipwayKubeconfig, "utf8")).config);
    const syncStarted = performance.now();
    const handles = namespaces.flatMap((namespace) => [
      acquireCache(client, "deployments", namespace),
      acquireCache(client, "pods", namespace),
    ]);
    await Promise.all(handles.map(({ cache }) => cache.whenSynced(300_000)));
    const syncMs = performance.now() - syncStarted;
    const count = (kind: string) =>
      handles.filter(({ cache }) => cache.kind === kind).reduce((sum, { cache }) => sum + cache.objects.size, 0);
    const [deploymentCount, podCount] = [count("deployments"), count("pods")];
    for (const { cache } of handles) cache.stop();
    const rss = serverRss();

    console.log("");
    console.log(`App list at ${APPS} apps / 100 teams / 3 environments (${RUNS} views each, wall time on loopback)`);
    console.log(`While the views were measured: ${machine}`);
    line("first page of 50: p50 / p95", `${ms(p50(first))} / ${ms(p95(first))}`, "p95 <= 200 ms");
    line("filtered (dev, degraded): p50 / p95", `${ms(p50(filtered))} / ${ms(p95(filtered))}`, "p95 <= 200 ms");
    line("search + team: p50 / p95", `${ms(p50(searched))} / ${ms(p95(searched))}`, "p95 <= 200 ms");
    line(
      `page ${deepest} (the deepest) by its Next link: p50 / p95`,
      `${ms(p50(deep))} / ${ms(p95(deep))}`,
      "p95 <= 200 ms",
    );
    line(`page ${deepest} by number (OFFSET): p50 / p95`, `${ms(p50(jump))} / ${ms(p95(jump))}`, "(figure)");
    // The environment page view that reads the count is not a list view: it sends none either.
    line(
      "Kubernetes requests per list page view (warm caches)",
      ((after.other - before.other) / (RUNS * paths.length)).toFixed(2),
      "0",
    );
    line("watch (re)connections meanwhile, all caches", String(after.watch - before.watch), "(figure)");
    line("5 users at once, each view right after the last: p95", ms(p95(together)), "p95 <= 300 ms");
    line(
      "/login alone p95 -> beside those 5 users p95",
      `${ms(p95(loginAlone))} -> ${ms(p95(logins))}`,
      "slowed by <= 20 ms",
    );
    line("/login alone p50 -> beside them p50", `${ms(p50(loginAlone))} -> ${ms(p50(logins))}`, "(figure)");
    line(
      "/login answered from the kept copy",
      `${[...loginAlone, ...logins].filter((login) => login.kept).length} of ${loginAlone.length + logins.length}`,
      "(figure)",
    );
    line(
      `${STATIC_FILE} (static: the floor) alone p95 -> beside them`,
      `${ms(p95(fileAlone))} -> ${ms(p95(files))}`,
      "(figure)",
    );
    line(
      "the sign-in page's style sheet alone p95 -> beside them",
      `${ms(p95(sheetAlone))} -> ${ms(p95(sheets))}`,
      "(figure)",
    );
    line("5 users, 1-3 s between views: p50 / p95", `${ms(p50(paced))} / ${ms(p95(paced))}`, "(figure)");
    line("/login beside them: p50 / p95", `${ms(p50(pacedLogins))} / ${ms(p95(pacedLogins))}`, "(figure)");
    line("5 users at the same instant: p50 / p95", `${ms(p50(burst))} / ${ms(p95(burst))}`, "(figure)");
    line("/login at that instant: p50 / p95", `${ms(p50(burstLogins))} / ${ms(p95(burstLogins))}`, "(figure)");
    line("page size at 1,000 apps -> at 10,000", `${kb(small[0]!.bytes)} -> ${kb(first[0]!.bytes)}`, "does not grow");
    line("Slipway server RSS after the run", `${(rss / 1024 / 1024).toFixed(0)} MB`, "<= 600 MB");
    line(
      `Deployments created in the sandbox (${deployed.length}), all ready`,
      `${deploySeconds.toFixed(0)} s, ${readySeconds.toFixed(0)} s`,
      "(figure)",
    );
    line(
      `cold sync: ${deploymentCount} Deployments + ${podCount} Pods, ${namespaces.length} namespaces`,
      ms(syncMs),
      "(figure; issue asks 3,000 / 3,000)",
    );
    console.log("");
    console.log("Before this change (main at 20a24b4), as issue 17 measured it on a fresh clone at 10,000 apps:");
    console.log("  app list p50 1.6-2.0 s, p95 1.8-2.3 s (1,000 apps: p95 244-275 ms), 14 MB a page,");
    console.log("  /login blocked 1-1.6 s during a render, 8-9 s with 5 users at once, server 215 MB -> 1.2-1.7 GB.");
  } finally {
    await cleanup();
    await harness.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
