import { describe, expect, it } from "vitest";
import { renderTemplate, validateTemplate } from "../render-template";
import type { BuiltinTemplate } from "./builtin-template";
import { BUILTIN_TEMPLATES } from "./index";
import {
  CRONJOB_VALUES,
  HELLO_APP_VALUES,
  SAMPLE_APP,
  SAMPLE_ENV,
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
  { file: "worker.yaml", template: "worker", values: WORKER_VALUES, app: { name: "mailer", team: "shop" } },
  { file: "cronjob.yaml", template: "cronjob", values: CRONJOB_VALUES, app: { name: "daily-report", team: "shop" } },
];

describe("built-in templates", () => {
  it.each(BUILTIN_TEMPLATES.map((t) => [t.name, t] as const))("%s validates", (_name, template) => {
    expect(validateTemplate(template)).toEqual({ ok: true });
  });

  it.each(CASES)("$file matches its golden render", async ({ file, template, values, app = SAMPLE_APP }) => {
    const result = renderTemplate({ ...builtin(template), values, app, env: SAMPLE_ENV });
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    await expect(result.yaml).toMatchFileSnapshot(`./__golden__/${file}`);
  });

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
});
