import { randomBytes } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { BUILTIN_TEMPLATES } from "@/lib/templates/builtin";
import {
  CRONJOB_VALUES,
  HELLO_APP_VALUES,
  WEB_SERVICE_FULL_VALUES,
  SAMPLE_ENV,
  SAMPLE_GATEWAY_ENV,
  WORKER_VALUES,
} from "@/lib/templates/builtin/sample-values";
import { renderTemplate } from "@/lib/templates/render-template";
import { sandboxClient } from "@/test/sandbox";
import { dryRunApply } from "./dry-run-apply";

const admin = sandboxClient("admin");
const slipway = sandboxClient("slipway");

const TYPICAL: Record<string, Record<string, unknown>[]> = {
  "web-service": [HELLO_APP_VALUES, WEB_SERVICE_FULL_VALUES],
  worker: [WORKER_VALUES],
  cronjob: [CRONJOB_VALUES],
};

async function render(
  template: string,
  values: Record<string, unknown>,
  namespace: string,
  routing = SAMPLE_ENV.routing,
): Promise<KubernetesObject[]> {
  const builtin = BUILTIN_TEMPLATES.find((t) => t.name === template)!;
  const result = renderTemplate({
    schema: builtin.schema,
    body: builtin.body,
    values,
    app: { name: "hello-app", team: "shop" },
    env: { name: "dev", namespace, routing },
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.objects as KubernetesObject[];
}

describe("server-side dry run of rendered objects (sandbox)", () => {
  it.each(Object.entries(TYPICAL))(
    "the %s built-in with typical values is accepted by the API server",
    async (template, valueSets) => {
      const namespace = `dry-${randomBytes(3).toString("hex")}`;
      await admin.call((c) => c.core.createNamespace({ body: { metadata: { name: namespace } } }));
      // Routed by an Ingress and by a Gateway API HTTPRoute.
      for (const routing of [SAMPLE_ENV.routing, SAMPLE_GATEWAY_ENV.routing])
        for (const values of valueSets) {
          const objects = await render(template, values, namespace, routing);
          const results = await dryRunApply(slipway, objects);
          expect(results.filter((r) => !r.ok)).toEqual([]);
          expect(results.length).toBe(objects.length);
        }
      const left = await slipway.call((c) => c.apps.listNamespacedDeployment({ namespace }));
      expect(left.items).toEqual([]);
    },
  );

  it("names the object and field the API server refuses", async () => {
    const namespace = `dry-${randomBytes(3).toString("hex")}`;
    await admin.call((c) => c.core.createNamespace({ body: { metadata: { name: namespace } } }));
    const objects = await render("cronjob", { ...CRONJOB_VALUES, schedule: "every day at 2" }, namespace);
    const results = await dryRunApply(slipway, objects);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ kind: "CronJob", name: "hello-app", field: "spec.schedule" });
    expect(refused?.error).toMatch(/^sandbox-slipway: spec\.schedule: .*every day at 2/);
  });
});
