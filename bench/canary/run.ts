// Canary switch latency: from the moment the apiserver has the changed route (the apply has
// returned) to Traefik routing a tester's request accordingly, over 20 switches on and off, for
// a Gateway API HTTPRoute rule and for an ingress-nginx canary Ingress. Also from the start of
// the apply. Prints p50/p95; never fails on them. See bench/canary/README.md.
//   export PATH=$HOME/.cache/slipway/toolchain/node-24.21.0/bin:$PATH
//   node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/canary/run.ts [--switches 20]
import { loadavg } from "node:os";
import type { KubernetesObject } from "@kubernetes/client-node";
import { applyCanaryPlan } from "@/lib/canary/apply-canary-plan";
import { canaryPlan, canaryRouting, type KubeObject } from "@/lib/canary/canary-objects";
import { applyObject, applyOrder } from "@/lib/kube/apply-objects";
import { ensureNamespace } from "@/lib/kube/namespaces";
import { buildClient, type KubeClient } from "@/lib/kube/client";
import { parseKubeconfig } from "@/lib/kube/kubeconfig";
import { webService } from "@/lib/templates/builtin/web-service";
import { HELLO_APP_VALUES } from "@/lib/templates/builtin/sample-values";
import type { RoutingInfo } from "@/lib/templates/render-context";
import { renderTemplate } from "@/lib/templates/render-template";
import { ZCanarySettingsSchema } from "@/lib/validations/canary";
import { startGatewayHarness, TEST_GATEWAY, TEST_INGRESS_CLASS, type GatewayHarness } from "@/test/gateway";
import { ms, percentile, progress } from "../deploy/stats";

const index = process.argv.indexOf("--switches");
const SWITCHES = index === -1 ? 20 : Number(process.argv[index + 1]);
const APP = "hello-app";
const TESTER = { "X-Canary": "always" };
const POLL_MS = 10;
const settings = ZCanarySettingsSchema.parse({ image: "harbor.example.com/shop/hello-app:2.0" });
// lib/env validates these on first use; this bench never opens a database or a session.
process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1:1/unused";
process.env.NEXTAUTH_SECRET ??= "bench-canary-bench-canary-bench-canary-0123";

async function reaches(harness: GatewayHarness, host: string, target: "canary" | "stable"): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { status, body } = await harness.get(host, "/hello", TESTER).catch(() => ({ status: 0, body: "" }));
    if (status === 200 && body.includes(`/${APP}-canary-`) === (target === "canary")) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${host}: the tester's request did not reach the ${target} within 30 s`);
}

async function deploy(
  client: KubeClient,
  namespace: string,
  host: string,
  routing: RoutingInfo,
): Promise<KubeObject[]> {
  await ensureNamespace(client, namespace);
  const values = {
    ...HELLO_APP_VALUES,
    replicas: 2,
    ingress: { host, path: "/" },
    ingressClassName: TEST_INGRESS_CLASS,
  };
  const result = renderTemplate({
    ...webService,
    values,
    app: { name: APP, team: "bench" },
    env: { name: "dev", namespace, routing },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  for (const object of applyOrder(result.objects as KubernetesObject[])) await applyObject(client, object);
  return result.objects;
}

async function measure(harness: GatewayHarness, client: KubeClient, label: string, host: string, stable: KubeObject[]) {
  await applyCanaryPlan(client, canaryPlan(stable, APP, settings, "on"));
  await reaches(harness, host, "canary");
  const fromApiserver: number[] = [];
  const fromApply: number[] = [];
  for (let i = 1; i <= SWITCHES; i++) {
    const target = i % 2 === 1 ? "stable" : "canary";
    const started = performance.now();
    await applyCanaryPlan(client, canaryRouting(stable, APP, settings, target === "canary" ? "on" : "off"));
    const applied = performance.now();
    await reaches(harness, host, target);
    const routed = performance.now();
    fromApiserver.push(routed - applied);
    fromApply.push(routed - started);
    progress(
      `${label} switch ${i}/${SWITCHES} ${target === "canary" ? "on " : "off"}: ${ms(routed - applied)} after the apply returned`,
    );
  }
  return { label, fromApiserver, fromApply };
}

const harness = await startGatewayHarness();
try {
  const client = buildClient("bench", parseKubeconfig(harness.kubeconfig("slipway")).config);
  const gateway = { mode: "gateway_api", gateway: { ...TEST_GATEWAY } } as const;
  const results = [
    await measure(
      harness,
      client,
      "Gateway API HTTPRoute rule",
      "canary.gw.bench",
      await deploy(client, "bench-gw", "canary.gw.bench", gateway),
    ),
    await measure(
      harness,
      client,
      "ingress-nginx canary Ingress",
      "canary.ing.bench",
      await deploy(client, "bench-ing", "canary.ing.bench", { mode: "ingress_nginx" }),
    ),
  ];
  console.log(
    `\ncanary switch latency, ${SWITCHES} switches each (polling every ${POLL_MS} ms), load ${loadavg()[0]!.toFixed(1)}`,
  );
  for (const { label, fromApiserver, fromApply } of results) {
    console.log(`  ${label}`);
    console.log(
      `    apiserver has it -> gateway routes it   p50 ${ms(percentile(fromApiserver, 50))}   p95 ${ms(percentile(fromApiserver, 95))}`,
    );
    console.log(
      `    apply starts -> gateway routes it       p50 ${ms(percentile(fromApply, 50))}   p95 ${ms(percentile(fromApply, 95))}`,
    );
  }
} finally {
  await harness.stop();
}
