import { randomBytes } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { renderAppEnvironment } from "@/lib/services/apps/render-app";
import { ZEnvironmentRoutingSchema } from "@/lib/validations/environment-routing";
import { context } from "@/test/factories";
import { makeRoutingWorld } from "@/test/routing-fixtures";
import { sandboxClient, sandboxKubeconfig } from "@/test/sandbox";
import { getEnvironmentRouting } from "./environment-routing";
import { saveEnvironmentRouting } from "./save-environment-routing";
import { testEnvironmentConnection } from "./test-environment-connection";

const suffix = () => randomBytes(3).toString("hex");

async function environment(options: { verified: boolean }) {
  const world = await makeRoutingWorld();
  const env = await world.environment("route", sandboxKubeconfig("slipway"), options);
  return { ...world, id: env.id };
}

function routingIssues(input: Record<string, unknown>): Record<string, string> {
  const parsed = ZEnvironmentRoutingSchema.safeParse({ id: "5f0c8a57-3b8e-4a55-9a51-2f9d0d7c1e10", ...input });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

// Objects made for one test, removed after it: other tests in this sandbox detect routing too.
const cluster = sandboxClient("admin");
const made: KubernetesObject[] = [];
async function make(object: KubernetesObject) {
  await cluster.call((c) => c.objects.create(object));
  made.push(object);
}
afterEach(async () => {
  for (const object of made.splice(0).reverse()) await cluster.call((c) => c.objects.delete(object));
});

describe("environment routing", () => {
  it("is detected as none on a cluster without a GatewayClass or an ingress-nginx IngressClass, with an audit row", async () => {
    const { id } = await environment({ verified: true });
    expect(await getEnvironmentRouting(id)).toMatchObject({
      routing: "none",
      gatewayName: null,
      routingDecidedAt: expect.any(Date),
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "environment.routing" } });
    expect(audit).toMatchObject({ actorLabel: "system:routing-detection", after: { routing: "none" } });
  });

  it("is left undecided when saved unverified, and detected at the first connection check", async () => {
    const { id } = await environment({ verified: false });
    expect(await getEnvironmentRouting(id)).toMatchObject({ routing: "none", routingDecidedAt: null });
    expect((await testEnvironmentConnection(id)).error).toBeNull();
    expect((await getEnvironmentRouting(id))?.routingDecidedAt).toBeInstanceOf(Date);
  });

  it("is saved by an admin, audited with before and after, and never detected over", async () => {
    const { admin, id } = await environment({ verified: true });
    await saveEnvironmentRouting(
      admin,
      ZEnvironmentRoutingSchema.parse({
        id,
        routing: "gateway_api",
        gatewayName: "edge",
        gatewayNamespace: "gateway-system",
        gatewaySection: "http",
      }),
      context,
    );
    const audits = await db.auditEvent.findMany({
      where: { targetId: id, action: "environment.routing" },
      orderBy: { id: "asc" },
    });
    expect(audits.at(-1)).toMatchObject({
      actorLabel: admin.email,
      before: { routing: "none", gatewayName: null },
      after: {
        routing: "gateway_api",
        gatewayName: "edge",
        gatewayNamespace: "gateway-system",
        gatewaySection: "http",
      },
    });
    await testEnvironmentConnection(id);
    expect(await getEnvironmentRouting(id)).toMatchObject({ routing: "gateway_api", gatewayName: "edge" });

    // Switching away drops the Gateway.
    await saveEnvironmentRouting(admin, ZEnvironmentRoutingSchema.parse({ id, routing: "ingress_nginx" }), context);
    expect(await getEnvironmentRouting(id)).toMatchObject({
      routing: "ingress_nginx",
      gatewayName: null,
      gatewayNamespace: null,
      gatewaySection: null,
    });
  });

  it("refuses a Gateway API routing without its Gateway, and names that are not Kubernetes names", () => {
    for (const blank of [undefined, "", "  "])
      expect(
        routingIssues({ routing: "gateway_api", gatewayName: blank, gatewayNamespace: blank, gatewaySection: blank }),
      ).toEqual({
        gatewayName: "canary.validation.gatewayRequired",
        gatewayNamespace: "canary.validation.gatewayRequired",
      });
    expect(
      routingIssues({
        routing: "gateway_api",
        gatewayName: "Edge GW",
        gatewayNamespace: "gw_ns",
        gatewaySection: "-x",
      }),
    ).toEqual({
      gatewayName: "canary.validation.gatewayName",
      gatewayNamespace: "validation.dns1123",
      gatewaySection: "canary.validation.gatewayName",
    });
    expect(routingIssues({ routing: "istio" })).toEqual({ routing: "canary.validation.routing" });
    expect(routingIssues({ routing: "none", gatewayName: "Not Checked" })).toEqual({});
  });

  it("detects the Gateway API from a GatewayClass and its Gateway, and ingress-nginx from its IngressClass", async () => {
    const n = suffix();
    await make({
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name: `nginx-${n}` },
      spec: { controller: "k8s.io/ingress-nginx" },
    } as KubernetesObject);
    const nginx = await environment({ verified: true });
    expect(await getEnvironmentRouting(nginx.id)).toMatchObject({ routing: "ingress_nginx", gatewayName: null });

    await make({ apiVersion: "v1", kind: "Namespace", metadata: { name: `gw-${n}` } });
    await make({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "GatewayClass",
      metadata: { name: `test-${n}` },
      spec: { controllerName: "example.com/gateway-controller" },
    } as KubernetesObject);
    await make({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: `edge-${n}`, namespace: `gw-${n}` },
      spec: { gatewayClassName: `test-${n}`, listeners: [{ name: "http", port: 80, protocol: "HTTP" }] },
    } as KubernetesObject);
    const gateway = await environment({ verified: true });
    expect(await getEnvironmentRouting(gateway.id)).toMatchObject({
      routing: "gateway_api",
      gatewayName: `edge-${n}`,
      gatewayNamespace: `gw-${n}`,
      gatewaySection: null,
    });
  });

  it("decides what web-service renders: an HTTPRoute on the environment's Gateway, an Ingress, or neither", async () => {
    const { admin, id, webServiceApp } = await environment({ verified: true });
    const app = await webServiceApp("shop-web", { [id]: { ingress: { host: "shop.example.com", path: "/" } } });
    const kinds = async () => {
      const { rendered } = await renderAppEnvironment(app.id, id);
      if (!rendered.ok) throw new Error(JSON.stringify(rendered.errors));
      return rendered.objects;
    };
    expect((await kinds()).map((o) => o.kind)).toEqual(["Deployment", "Service"]);

    await saveEnvironmentRouting(admin, ZEnvironmentRoutingSchema.parse({ id, routing: "ingress_nginx" }), context);
    expect((await kinds()).map((o) => o.kind)).toEqual(["Deployment", "Service", "Ingress"]);

    await saveEnvironmentRouting(
      admin,
      ZEnvironmentRoutingSchema.parse({ id, routing: "gateway_api", gatewayName: "edge", gatewayNamespace: "gw" }),
      context,
    );
    const route = (await kinds()).find((o) => o.kind === "HTTPRoute");
    expect(route?.spec).toEqual({
      parentRefs: [{ name: "edge", namespace: "gw" }],
      hostnames: ["shop.example.com"],
      rules: [
        { matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "shop-web", port: 8080 }] },
      ],
    });
  });
});
