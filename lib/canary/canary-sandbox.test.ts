// The canary's objects for every state, sent through Slipway's apply path as Slipway's own
// ServiceAccount: the API server accepts them, and what is live afterwards is each state.
import { randomBytes } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { applyObject, findLeftovers, readLive } from "@/lib/kube/apply-objects";
import { webService } from "@/lib/templates/builtin/web-service";
import { HELLO_APP_VALUES, SAMPLE_ENV, SAMPLE_GATEWAY_ENV } from "@/lib/templates/builtin/sample-values";
import type { EnvInfo } from "@/lib/templates/render-context";
import { renderTemplate } from "@/lib/templates/render-template";
import { ZCanarySettingsSchema } from "@/lib/validations/canary";
import { eventually, sandboxClient } from "@/test/sandbox";
import { applyCanaryPlan } from "./apply-canary-plan";
import { canaryPlan, type KubeObject } from "./canary-objects";

const admin = sandboxClient("admin");
const slipway = sandboxClient("slipway");
const APP = "hello-app";
const settings = (weight?: number) =>
  ZCanarySettingsSchema.parse({ image: "harbor.example.com/shop/hello-app:2.0", weight, replicas: 2 });

async function deployStable(env: EnvInfo): Promise<{ namespace: string; objects: KubeObject[] }> {
  const namespace = `canary-${randomBytes(3).toString("hex")}`;
  await admin.call((c) => c.core.createNamespace({ body: { metadata: { name: namespace } } }));
  const result = renderTemplate({
    ...webService,
    values: HELLO_APP_VALUES,
    app: { name: APP, team: "shop" },
    env: { ...env, namespace },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  for (const object of result.objects) await applyObject(slipway, object as KubernetesObject);
  return { namespace, objects: result.objects };
}

const ref = (kind: string, name: string, namespace: string) => ({
  apiVersion: { Deployment: "apps/v1", Service: "v1", Ingress: "networking.k8s.io/v1" }[kind] ?? "",
  kind,
  name,
  namespace,
});

type LiveRule = { matches?: { headers?: { name: string; value: string }[] }[]; backendRefs?: BackendRef[] };
type BackendRef = { name: string; port: number; weight?: number };

// The live route's rules, as "header -> backend:port@weight" lines (the API server fills defaults in).
async function liveRules(namespace: string): Promise<string[]> {
  const route = (await readLive(slipway, {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    name: APP,
    namespace,
  })) as { spec: { rules: LiveRule[] } };
  return route.spec.rules.map((rule) => {
    const headers = (rule.matches ?? []).flatMap((m) => (m.headers ?? []).map((h) => `${h.name}=${h.value}`));
    const backends = (rule.backendRefs ?? []).map((b) => `${b.name}:${b.port}@${b.weight}`);
    return `${headers.join(",") || "*"} -> ${backends.join(" ")}`;
  });
}

async function canaryPodsRunning(namespace: string) {
  return eventually("two canary pods running the canary image", async () => {
    const pods = await slipway.call((c) =>
      c.core.listNamespacedPod({ namespace, labelSelector: "app.kubernetes.io/instance=hello-app-dev-canary" }),
    );
    const running = pods.items.filter(
      (p) => p.status?.phase === "Running" && p.spec?.containers[0]?.image === "harbor.example.com/shop/hello-app:2.0",
    );
    return running.length === 2 ? running : undefined;
  });
}

describe("canary objects on the sandbox", () => {
  it("Gateway API: on, weighted, off, on again, aborted; the stable objects never change", async () => {
    const { namespace, objects } = await deployStable(SAMPLE_GATEWAY_ENV);
    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(), "on"));
    expect(await liveRules(namespace)).toEqual(["X-Canary=always -> hello-app-canary:8080@1", "* -> hello-app:8080@1"]);
    await canaryPodsRunning(namespace);
    // The stable Service's selector does not reach the canary pods.
    const endpoints = await slipway.call((c) =>
      c.core.listNamespacedPod({
        namespace,
        labelSelector: "app.kubernetes.io/name=hello-app,app.kubernetes.io/instance=hello-app-dev",
      }),
    );
    expect(endpoints.items.map((p) => p.spec?.containers[0]?.image)).toEqual([
      "harbor.example.com/shop/hello-app:1.0",
      "harbor.example.com/shop/hello-app:1.0",
    ]);

    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(25), "on"));
    expect(await liveRules(namespace)).toEqual([
      "X-Canary=always -> hello-app-canary:8080@1",
      "* -> hello-app:8080@75 hello-app-canary:8080@25",
    ]);

    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(25), "off"));
    expect(await liveRules(namespace)).toEqual(["* -> hello-app:8080@1"]);
    expect(await readLive(slipway, ref("Deployment", "hello-app-canary", namespace))).not.toBeNull();

    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(), "on"));
    // A stable release deletes what its instance no longer renders: the canary is not among it.
    const kinds = ["Deployment", "Service", "Ingress"].map((kind) => ({
      kind,
      apiVersion: ref(kind, "", "").apiVersion,
    }));
    const keep = objects.map((o) => ({ ...ref(String(o.kind), APP, namespace), apiVersion: String(o.apiVersion) }));
    expect(await findLeftovers(slipway, namespace, "hello-app-dev", kinds, keep)).toEqual([]);

    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(), "aborted"));
    expect(await liveRules(namespace)).toEqual(["* -> hello-app:8080@1"]);
    for (const kind of ["Deployment", "Service"])
      expect(await readLive(slipway, ref(kind, "hello-app-canary", namespace)), kind).toBeNull();
    const stable = await slipway.call((c) => c.apps.readNamespacedDeployment({ name: APP, namespace }));
    expect(stable.spec?.template.spec?.containers[0]?.image).toBe("harbor.example.com/shop/hello-app:1.0");

    // Aborting again (a retry) converges to the same.
    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(), "aborted"));
    expect(await liveRules(namespace)).toEqual(["* -> hello-app:8080@1"]);
  });

  it("ingress-nginx: on and weighted carry the annotations, off and promoted delete the canary Ingress", async () => {
    const { namespace, objects } = await deployStable(SAMPLE_ENV);
    const canaryIngress = ref("Ingress", "hello-app-canary", namespace);
    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(), "on"));
    const annotations = async () =>
      ((await readLive(slipway, canaryIngress)) as { metadata: { annotations?: Record<string, string> } } | null)
        ?.metadata.annotations;
    expect(await annotations()).toEqual({
      "nginx.ingress.kubernetes.io/canary": "true",
      "nginx.ingress.kubernetes.io/canary-by-header": "X-Canary",
      "nginx.ingress.kubernetes.io/canary-by-header-value": "always",
      "nginx.ingress.kubernetes.io/canary-weight": "0",
    });
    await canaryPodsRunning(namespace);

    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(40), "on"));
    expect(await annotations()).toMatchObject({ "nginx.ingress.kubernetes.io/canary-weight": "40" });

    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(40), "off"));
    expect(await readLive(slipway, canaryIngress)).toBeNull();
    expect(await readLive(slipway, ref("Service", "hello-app-canary", namespace))).not.toBeNull();

    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(), "on"));
    await applyCanaryPlan(slipway, canaryPlan(objects, APP, settings(), "promoted"));
    for (const kind of ["Ingress", "Deployment", "Service"])
      expect(await readLive(slipway, ref(kind, "hello-app-canary", namespace)), kind).toBeNull();
    expect(await readLive(slipway, ref("Ingress", APP, namespace))).not.toBeNull();
  });
});
