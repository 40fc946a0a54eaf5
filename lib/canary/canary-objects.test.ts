import { describe, expect, it } from "vitest";
import { webService } from "@/lib/templates/builtin/web-service";
import { HELLO_APP_VALUES, SAMPLE_APP, SAMPLE_ENV, SAMPLE_GATEWAY_ENV } from "@/lib/templates/builtin/sample-values";
import type { EnvInfo } from "@/lib/templates/render-context";
import { renderTemplate } from "@/lib/templates/render-template";
import { ZCanarySettingsSchema, type CanarySettings } from "@/lib/validations/canary";
import { CanaryError, canaryPlan, canaryRouting, canaryWorkload, type KubeObject } from "./canary-objects";

const APP = SAMPLE_APP.name;
const CANARY_IMAGE = "harbor.example.com/shop/hello-app:2.0-rc1";

function stable(env: EnvInfo, values: Record<string, unknown> = HELLO_APP_VALUES): KubeObject[] {
  const result = renderTemplate({ ...webService, values, app: SAMPLE_APP, env });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return deepFreeze(result.objects);
}

// The stable objects are shared by every state: a canary function must never change them.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function settings(overrides: Partial<Record<keyof CanarySettings, unknown>> = {}): CanarySettings {
  return ZCanarySettingsSchema.parse({ image: CANARY_IMAGE, ...overrides });
}

const labels = {
  "app.kubernetes.io/name": APP,
  "app.kubernetes.io/instance": "hello-app-dev-canary",
  "app.kubernetes.io/managed-by": "slipway",
};
const selector = { "app.kubernetes.io/name": APP, "app.kubernetes.io/instance": "hello-app-dev-canary" };
const stableBackend = { name: APP, port: 8080 };
const canaryBackend = { name: "hello-app-canary", port: 8080 };
const pathMatch = { path: { type: "PathPrefix", value: "/hello" } };
const headerMatch = (name = "X-Canary", value = "always") => ({
  ...pathMatch,
  headers: [{ type: "Exact", name, value }],
});

describe("canary workload", () => {
  it("is the stable Deployment and Service renamed, relabelled out of the stable selector, with the canary image and replicas", () => {
    const objects = stable(SAMPLE_GATEWAY_ENV);
    const [deployment, service] = canaryWorkload(objects, APP, settings({ replicas: 2 }));
    const stableDeployment = objects.find((o) => o.kind === "Deployment")!;
    const stableSpec = stableDeployment.spec as { template: { spec: { containers: object[] } } };
    expect(deployment).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "hello-app-canary", namespace: "shop-dev", labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: selector },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        template: {
          metadata: {
            labels,
            annotations: { "prometheus.io/scrape": "true", "prometheus.io/path": "/metrics" },
          },
          spec: {
            containers: [{ ...stableSpec.template.spec.containers[0], image: CANARY_IMAGE }],
            volumes: [],
          },
        },
      },
    });
    expect(service).toEqual({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "hello-app-canary", namespace: "shop-dev", labels },
      spec: { selector, ports: [{ name: "http", port: 8080, targetPort: "http" }] },
    });
  });

  it("runs a fixed replica count even where the stable app is autoscaled, and takes no autoscaler", () => {
    const objects = stable(SAMPLE_ENV, {
      ...HELLO_APP_VALUES,
      autoscaling: { enabled: true, min: 2, max: 9, targetCpu: 60 },
    });
    const workload = canaryWorkload(objects, APP, settings());
    expect(workload.map((o) => o.kind)).toEqual(["Deployment", "Service"]);
    expect((workload[0]!.spec as { replicas: number }).replicas).toBe(1);
  });

  it("refuses an image from another repository, which would not be this app", () => {
    expect(() => canaryWorkload(stable(SAMPLE_ENV), APP, settings({ image: "docker.io/library/nginx:1.27" }))).toThrow(
      expect.objectContaining({ code: "image_mismatch" }),
    );
  });

  it("refuses a canary instance label longer than Kubernetes allows", () => {
    const long = { ...SAMPLE_ENV, name: "e".repeat(30) };
    const app = { name: "a".repeat(30), team: "shop" };
    const result = renderTemplate({ ...webService, values: HELLO_APP_VALUES, app, env: long });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(() => canaryWorkload(result.objects, app.name, settings())).toThrow(
      expect.objectContaining({ code: "name_too_long" }),
    );
  });
});

describe("canary routing on the Gateway API", () => {
  const objects = stable(SAMPLE_GATEWAY_ENV);
  const stableRoute = objects.find((o) => o.kind === "HTTPRoute")!;
  const routeSpec = (plan: { apply: KubeObject[] }) => plan.apply.find((o) => o.kind === "HTTPRoute")?.spec;

  it("on: a header rule to the canary before the stable rule, which is unchanged", () => {
    const plan = canaryRouting(objects, APP, settings(), "on");
    expect(plan.remove).toEqual([]);
    expect(plan.apply).toHaveLength(1);
    expect(plan.apply[0]!.metadata).toEqual(stableRoute.metadata);
    expect(routeSpec(plan)).toEqual({
      parentRefs: [{ name: "edge", namespace: "gateway-system", sectionName: "http" }],
      hostnames: ["hello.example.com"],
      rules: [
        { matches: [headerMatch()], backendRefs: [canaryBackend] },
        { matches: [pathMatch], backendRefs: [stableBackend] },
      ],
    });
  });

  it("weighted: everybody else's requests split between stable and canary as set", () => {
    const plan = canaryRouting(
      objects,
      APP,
      settings({ weight: 20, headerName: "X-Tester", headerValue: "qa 7" }),
      "on",
    );
    expect((routeSpec(plan) as { rules: unknown }).rules).toEqual([
      { matches: [headerMatch("X-Tester", "qa 7")], backendRefs: [canaryBackend] },
      {
        matches: [pathMatch],
        backendRefs: [
          { ...stableBackend, weight: 80 },
          { ...canaryBackend, weight: 20 },
        ],
      },
    ]);
  });

  it("weight 0 is the same as no weight", () => {
    expect(canaryRouting(objects, APP, settings({ weight: 0 }), "on")).toEqual(
      canaryRouting(objects, APP, settings(), "on"),
    );
  });

  it.each(["off", "promoted", "aborted"] as const)("%s: the stable route exactly, rule and weights gone", (state) => {
    expect(canaryRouting(objects, APP, settings({ weight: 30 }), state)).toEqual({ apply: [stableRoute], remove: [] });
  });

  it("adds the header to every match of every rule that reaches the app, and replaces a same-named header", () => {
    const route = structuredClone(stableRoute) as { spec: { rules: object[] } };
    route.spec.rules = [
      {
        name: "api",
        matches: [
          { path: { type: "PathPrefix", value: "/api" }, headers: [{ name: "x-canary", value: "old" }] },
          { path: { type: "Exact", value: "/v2" } },
        ],
        backendRefs: [stableBackend],
      },
      { matches: [{ path: { type: "PathPrefix", value: "/static" } }], backendRefs: [{ name: "cdn", port: 80 }] },
      { backendRefs: [stableBackend] },
    ];
    const plan = canaryRouting(
      [...objects.filter((o) => o.kind !== "HTTPRoute"), route],
      APP,
      settings({ weight: 10 }),
      "on",
    );
    const header = { type: "Exact", name: "X-Canary", value: "always" };
    expect((routeSpec(plan) as { rules: unknown }).rules).toEqual([
      {
        name: "api-canary",
        matches: [
          { path: { type: "PathPrefix", value: "/api" }, headers: [header] },
          { path: { type: "Exact", value: "/v2" }, headers: [header] },
        ],
        backendRefs: [canaryBackend],
      },
      { matches: [{ path: { type: "PathPrefix", value: "/" }, headers: [header] }], backendRefs: [canaryBackend] },
      {
        name: "api",
        matches: route.spec.rules[0] && (route.spec.rules[0] as { matches: unknown }).matches,
        backendRefs: [
          { ...stableBackend, weight: 90 },
          { ...canaryBackend, weight: 10 },
        ],
      },
      route.spec.rules[1],
      {
        backendRefs: [
          { ...stableBackend, weight: 90 },
          { ...canaryBackend, weight: 10 },
        ],
      },
    ]);
  });
});

describe("canary routing on ingress-nginx", () => {
  const objects = stable(SAMPLE_ENV);
  const canaryIngressRef = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    name: "hello-app-canary",
    namespace: "shop-dev",
  };
  const expectedIngress = (weight: string, name = "X-Canary", value = "always") => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: "hello-app-canary",
      namespace: "shop-dev",
      labels,
      annotations: {
        "nginx.ingress.kubernetes.io/canary": "true",
        "nginx.ingress.kubernetes.io/canary-by-header": name,
        "nginx.ingress.kubernetes.io/canary-by-header-value": value,
        "nginx.ingress.kubernetes.io/canary-weight": weight,
      },
    },
    spec: {
      tls: [],
      rules: [
        {
          host: "hello.example.com",
          http: {
            paths: [
              {
                path: "/hello",
                pathType: "Prefix",
                backend: { service: { name: "hello-app-canary", port: { name: "http" } } },
              },
            ],
          },
        },
      ],
    },
  });

  it("on: a second Ingress for the same host and path, to the canary, by header, weight 0", () => {
    expect(canaryRouting(objects, APP, settings(), "on")).toEqual({ apply: [expectedIngress("0")], remove: [] });
  });

  it("weighted: the weight annotation carries the share", () => {
    expect(canaryRouting(objects, APP, settings({ weight: 35, headerName: "X-QA", headerValue: "yes" }), "on")).toEqual(
      { apply: [expectedIngress("35", "X-QA", "yes")], remove: [] },
    );
  });

  it.each(["off", "promoted", "aborted"] as const)(
    "%s: the canary Ingress is deleted, the stable one untouched",
    (state) => {
      expect(canaryRouting(objects, APP, settings({ weight: 35 }), state)).toEqual({
        apply: [],
        remove: [canaryIngressRef],
      });
    },
  );
});

describe("canary plans", () => {
  const workloadRefs = [
    { apiVersion: "apps/v1", kind: "Deployment", name: "hello-app-canary", namespace: "shop-dev" },
    { apiVersion: "v1", kind: "Service", name: "hello-app-canary", namespace: "shop-dev" },
  ];

  it.each([
    ["the Gateway API", SAMPLE_GATEWAY_ENV],
    ["ingress-nginx", SAMPLE_ENV],
  ] as const)("on %s: on and off keep the workload, promoted and aborted delete it", (_name, env) => {
    const objects = stable(env);
    const on = canaryPlan(objects, APP, settings(), "on");
    const off = canaryPlan(objects, APP, settings(), "off");
    const workload = canaryWorkload(objects, APP, settings());
    expect(on.apply.slice(0, 2)).toEqual(workload);
    expect(off.apply.slice(0, 2)).toEqual(workload);
    for (const state of ["promoted", "aborted"] as const) {
      const plan = canaryPlan(objects, APP, settings(), state);
      expect(plan.apply.map((o) => o.kind)).toEqual(env === SAMPLE_ENV ? [] : ["HTTPRoute"]);
      expect(plan.remove.filter((r) => r.kind !== "Ingress")).toEqual(workloadRefs);
    }
  });

  it("promote and abort still clean up when the canary image no longer matches the app", () => {
    const plan = canaryPlan(stable(SAMPLE_ENV), APP, settings({ image: "elsewhere.example.com/x:1" }), "aborted");
    expect(plan.remove.map((r) => `${r.kind}/${r.name}`)).toEqual([
      "Ingress/hello-app-canary",
      "Deployment/hello-app-canary",
      "Service/hello-app-canary",
    ]);
  });

  it("needs routing: an app without a route (no host, or no routing in the environment) cannot have a canary", () => {
    for (const objects of [
      stable({ ...SAMPLE_ENV, routing: { mode: "none" } }),
      stable(SAMPLE_GATEWAY_ENV, { ...HELLO_APP_VALUES, ingress: { path: "/" } }),
    ]) {
      expect(() => canaryPlan(objects, APP, settings(), "on")).toThrow(CanaryError);
      expect(() => canaryPlan(objects, APP, settings(), "on")).toThrow(expect.objectContaining({ code: "no_route" }));
    }
  });
});

describe("canary settings", () => {
  const issues = (input: Record<string, unknown>) => {
    const parsed = ZCanarySettingsSchema.safeParse({ image: CANARY_IMAGE, ...input });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("defaults to X-Canary: always, no weight, one replica", () => {
    expect(ZCanarySettingsSchema.parse({ image: CANARY_IMAGE })).toEqual({
      image: CANARY_IMAGE,
      headerName: "X-Canary",
      headerValue: "always",
      replicas: 1,
    });
  });

  it.each(["X-Canary", "x-canary", "X_Tester.1", "!#$%&'*+-.^_`|~"])("accepts the header name %j", (headerName) => {
    expect(issues({ headerName })).toEqual({});
  });

  it.each(["", "X Canary", "X-Canary:", "Kanarien\u00e4", "X-\nCanary", "(x)", "a".repeat(257)])(
    "refuses the header name %j",
    (headerName) => {
      expect(issues({ headerName })).toEqual({ headerName: "canary.validation.headerName" });
    },
  );

  it.each(["always", "qa team 7", "灰度", "a".repeat(4096)])("accepts the header value %j", (headerValue) => {
    expect(issues({ headerValue })).toEqual({});
  });

  it.each(["", "on\r\nX-Injected: 1", "tab\there", "nul\u0000", "del\u007f", "a".repeat(4097)])(
    "refuses the header value %j",
    (headerValue) => {
      expect(issues({ headerValue })).toEqual({ headerValue: "canary.validation.headerValue" });
    },
  );

  it.each([0, 1, 50, "20", ""])("accepts the weight %j", (weight) => {
    expect(issues({ weight })).toEqual({});
  });

  it.each([-1, 51, 12.5, "abc"])("refuses the weight %j", (weight) => {
    expect(issues({ weight })).toEqual({ weight: "canary.validation.weight" });
  });

  it.each([0, -2, 1.5, 1001])("refuses the replica count %j", (replicas) => {
    expect(issues({ replicas })).toEqual({ replicas: "canary.validation.replicas" });
  });

  it.each(["hello-app", "hello-app:", "Registry/UPPER:1"])("refuses the image %j", (image) => {
    expect(issues({ image })).toEqual({ image: "canary.validation.image" });
  });
});
