import { describe, expect, it } from "vitest";
import { renderTemplate, validateTemplate } from "../render-template";
import type { BuiltinTemplate } from "./builtin-template";
import { BUILTIN_TEMPLATES } from "./index";
import {
  CRONJOB_VALUES,
  HELLO_APP_VALUES,
  SAMPLE_APP,
  SAMPLE_ENV,
  SAMPLE_GATEWAY_ENV,
  WEB_SERVICE_FULL_VALUES,
  WORKER_VALUES,
} from "./sample-values";

const builtin = (name: string): BuiltinTemplate => {
  const found = BUILTIN_TEMPLATES.find((template) => template.name === name);
  if (!found) throw new Error(`no built-in ${name}`);
  return found;
};

// Each golden file was reviewed once; a change in output fails here until it is reviewed again
// (vitest -u rewrites the files).
const CASES = [
  { file: "web-service.yaml", template: "web-service", values: HELLO_APP_VALUES },
  { file: "web-service-full.yaml", template: "web-service", values: WEB_SERVICE_FULL_VALUES },
  { file: "web-service-gateway.yaml", template: "web-service", values: HELLO_APP_VALUES, env: SAMPLE_GATEWAY_ENV },
  { file: "worker.yaml", template: "worker", values: WORKER_VALUES, app: { name: "mailer", team: "shop" } },
  { file: "cronjob.yaml", template: "cronjob", values: CRONJOB_VALUES, app: { name: "daily-report", team: "shop" } },
];

describe("built-in templates", () => {
  it.each(BUILTIN_TEMPLATES.map((t) => [t.name, t] as const))("%s validates", (_name, template) => {
    expect(validateTemplate(template)).toEqual({ ok: true });
  });

  it.each(CASES)(
    "$file matches its golden render",
    async ({ file, template, values, app = SAMPLE_APP, env = SAMPLE_ENV }) => {
      const result = renderTemplate({ ...builtin(template), values, app, env });
      if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
      await expect(result.yaml).toMatchFileSnapshot(`./__golden__/${file}`);
    },
  );

  it("web-service leaves replicas to the autoscaler when autoscaling is on", () => {
    const result = renderTemplate({
      ...builtin("web-service"),
      values: WEB_SERVICE_FULL_VALUES,
      app: SAMPLE_APP,
      env: SAMPLE_ENV,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const deployments = result.objects.filter((o) => o.kind === "Deployment");
    expect(deployments).toHaveLength(1);
    expect(deployments[0]?.spec).not.toHaveProperty("replicas");
    expect(result.objects.map((o) => o.kind)).toEqual([
      "Deployment",
      "Service",
      "Ingress",
      "HorizontalPodAutoscaler",
      "ConfigMap",
      "Secret",
    ]);
  });

  it.each([
    ["ingress-nginx", SAMPLE_ENV, ["Deployment", "Service", "Ingress"]],
    ["the Gateway API", SAMPLE_GATEWAY_ENV, ["Deployment", "Service", "HTTPRoute"]],
    ["no routing", { ...SAMPLE_ENV, routing: { mode: "none" } }, ["Deployment", "Service"]],
    ["no routing given", { name: "dev", namespace: "shop-dev" }, ["Deployment", "Service"]],
  ] as const)("web-service exposes the host through the environment's routing: %s", (_name, env, kinds) => {
    const result = renderTemplate({ ...builtin("web-service"), values: HELLO_APP_VALUES, app: SAMPLE_APP, env });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.objects.map((o) => o.kind)).toEqual(kinds);
  });

  it("web-service routes nothing without a host, whatever the environment's routing", () => {
    for (const env of [SAMPLE_ENV, SAMPLE_GATEWAY_ENV]) {
      const result = renderTemplate({
        ...builtin("web-service"),
        values: { ...HELLO_APP_VALUES, ingress: { path: "/" } },
        app: SAMPLE_APP,
        env,
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.objects.map((o) => o.kind)).toEqual(["Deployment", "Service"]);
    }
  });

  it("web-service's HTTPRoute attaches to the whole Gateway when no listener is named", () => {
    const env = {
      ...SAMPLE_ENV,
      routing: { mode: "gateway_api", gateway: { name: "edge", namespace: "gw" } },
    } as const;
    const result = renderTemplate({ ...builtin("web-service"), values: HELLO_APP_VALUES, app: SAMPLE_APP, env });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const route = result.objects.find((o) => o.kind === "HTTPRoute");
    expect(route?.spec).toMatchObject({
      parentRefs: [{ name: "edge", namespace: "gw" }],
      hostnames: ["hello.example.com"],
    });
    expect((route?.spec as { parentRefs: object[] }).parentRefs[0]).not.toHaveProperty("sectionName");
  });
});
