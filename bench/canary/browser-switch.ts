// The testers' switch end to end: from the click on the Canaries page (Chromium, Slipway's
// production build) to Traefik routing a request with the header accordingly, over 20 switches
// off and on. Prints p50/p95 (goal p95 <= 2 s); never fails on them. See bench/canary/README.md.
//   export PATH=$HOME/.cache/slipway/toolchain/node-24.21.0/bin:$PATH
//   node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/canary/browser-switch.ts [--switches 20]
import { loadavg } from "node:os";
import { chromium } from "@playwright/test";
import { db } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { startCanary } from "@/lib/services/canary/start-canary";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { ZStartCanarySchema } from "@/lib/validations/canary";
import { ZDeploySchema } from "@/lib/validations/release";
import { ZEnvironmentSchema } from "@/lib/validations/environment";
import { startGatewayHarness, type GatewayHarness } from "@/test/gateway";
import { CHROMIUM_LAUNCH } from "../../playwright.config";
import { ADMIN, BASE_URL, benchEnvironment, benchHarness } from "../deploy/harness";
import { ms, percentile, progress } from "../deploy/stats";
import { adminUser, createWebServiceApp, waitForRelease } from "../deploy/world";

const index = process.argv.indexOf("--switches");
const SWITCHES = index === -1 ? 20 : Number(process.argv[index + 1]);
const HOST = "canary.browser.bench";
const TESTER = { "X-Canary": "always" };
const context = { requestId: "bench-canary", ip: "127.0.0.1" };

async function reaches(gateway: GatewayHarness, target: "canary" | "stable"): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { status, body } = await gateway.get(HOST, "/", TESTER).catch(() => ({ status: 0, body: "" }));
    if (status === 200 && body.includes("/cyweb-canary-") === (target === "canary")) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the tester's request did not reach the ${target} within 30 s`);
}

benchEnvironment();
const slipway = benchHarness();
let gateway: GatewayHarness | undefined;
try {
  await slipway.start();
  gateway = await startGatewayHarness();
  const admin = await adminUser();
  progress("an environment on the gateway's cluster (routing detected), an app, its deploy and canary");
  const saved = await saveEnvironment(
    { system: "bench" },
    ZEnvironmentSchema.parse({
      name: "gwbench",
      namespacePattern: "{team}-{env}",
      kubeconfig: gateway.kubeconfig("slipway"),
    }),
    context,
  );
  const app = await createWebServiceApp(admin, {
    team: "cybench",
    displayName: "Canary benchmark",
    app: "cyweb",
    repository: "harbor.example.com/bench/web",
  });
  const ids = { appId: app.id, environmentId: saved.id };
  await saveAppEnvironment(admin, { ...ids, values: { replicas: 2, ingress: { host: HOST, path: "/" } } }, context);
  const deployed = await deployRelease(admin, ZDeploySchema.parse({ ...ids, tag: "1.0" }), context);
  if (deployed.kind !== "release") throw new Error("expected a release");
  progress(`deploy: ${await waitForRelease(deployed.releaseId)}`);
  const started = await startCanary(admin, ZStartCanarySchema.parse({ ...ids, tag: "2.0" }), context);
  if (started.status !== "succeeded") throw new Error("the canary did not start");
  await reaches(gateway, "canary");

  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ baseURL: BASE_URL });
    await page.goto("/login");
    await page.locator("#email").fill(ADMIN.email);
    await page.locator("#password").fill(ADMIN.password);
    await page.locator("button[type=submit]").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/canaries");
    const toggle = page.getByTestId("canary-cyweb-gwbench").getByRole("switch");
    const timings: number[] = [];
    for (let i = 1; i <= SWITCHES; i++) {
      const target = i % 2 === 1 ? "stable" : "canary";
      await toggle.waitFor();
      const before = performance.now();
      await toggle.click();
      await reaches(gateway, target);
      const routed = performance.now() - before;
      timings.push(routed);
      // The page shows the new state before the next click.
      await page.waitForFunction(
        ([selector, checked]) => document.querySelector(selector)?.getAttribute("aria-checked") === checked,
        ['[data-testid="canary-cyweb-gwbench"] [role="switch"]', String(target === "canary")] as const,
        { timeout: 30_000 },
      );
      progress(`switch ${i}/${SWITCHES} ${target === "canary" ? "on " : "off"}: ${ms(routed)} from the click`);
    }
    console.log(
      `\ncanary switch from the browser, ${SWITCHES} switches (Gateway API, polling every 10 ms), load ${loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `  click -> gateway routes it   p50 ${ms(percentile(timings, 50))}   p95 ${ms(percentile(timings, 95))}`,
    );
  } finally {
    await browser.close();
  }
} finally {
  await gateway?.stop();
  // The deploy queued its watchdog through this process's job queue: closed before PostgreSQL.
  await stopBoss(2_000);
  await db.$disconnect();
  await slipway.stop();
}
