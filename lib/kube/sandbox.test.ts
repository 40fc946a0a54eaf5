import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { KubernetesObject, V1Deployment } from "@kubernetes/client-node";
import { describe, expect, inject, it } from "vitest";
import { eventually, kubectl, sandboxClient, sandboxKubeconfig } from "@/test/sandbox";
import { buildClient } from "./client";
import { checkConnection } from "./check-connection";
import { parseKubeconfig } from "./kubeconfig";

const admin = sandboxClient("admin");
const slipway = sandboxClient("slipway");

async function namespace(prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString("hex")}`;
  await admin.call((c) => c.core.createNamespace({ body: { metadata: { name } } }));
  return name;
}

function deployment(name: string, image: string, podLabels: Record<string, string> = {}): V1Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 2,
      progressDeadlineSeconds: 30,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...podLabels } },
        spec: { containers: [{ name: "web", image, ports: [{ containerPort: 8080 }] }] },
      },
    },
  };
}

async function available(ns: string, name: string, image: string) {
  return eventually(`${name} available with ${image}`, async () => {
    const d = await slipway.call((c) => c.apps.readNamespacedDeployment({ name, namespace: ns }));
    const s = d.status;
    const done =
      s?.observedGeneration === d.metadata?.generation &&
      s?.updatedReplicas === 2 &&
      s?.availableReplicas === 2 &&
      s?.replicas === 2 &&
      d.spec?.template.spec?.containers[0]?.image === image;
    return done ? d : undefined;
  });
}

async function revisions(ns: string, name: string): Promise<Record<string, string>> {
  const sets = await slipway.call((c) =>
    c.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: `app=${name}` }),
  );
  return Object.fromEntries(
    sets.items.map((rs) => [
      rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? "?",
      rs.spec?.template?.spec?.containers[0]?.image ?? "",
    ]),
  );
}

describe("lib/kube against the sandbox control plane", () => {
  it("has three Ready nodes, as kubectl shows them", async () => {
    const nodes = await admin.call((c) => c.core.listNode());
    const ready = nodes.items.filter((n) =>
      n.status?.conditions?.some((k) => k.type === "Ready" && k.status === "True"),
    );
    expect(ready).toHaveLength(3);
    expect(
      kubectl("get", "nodes", "--no-headers")
        .trim()
        .split("\n")
        .map((line) => line.split(/\s+/)[1]),
    ).toEqual(["Ready", "Ready", "Ready"]);
  });

  it("deploys, rolls out a new image, and rolls back to a revision, with real ReplicaSets and pods", async () => {
    const ns = await namespace("cycle");
    await slipway.call((c) =>
      c.apps.createNamespacedDeployment({ namespace: ns, body: deployment("web", "hello-app:1.0") }),
    );
    await available(ns, "web", "hello-app:1.0");
    const pods = await slipway.call((c) => c.core.listNamespacedPod({ namespace: ns, labelSelector: "app=web" }));
    expect(pods.items).toHaveLength(2);
    expect(
      pods.items.every(
        (p) =>
          p.status?.phase === "Running" && p.status.conditions?.some((k) => k.type === "Ready" && k.status === "True"),
      ),
    ).toBe(true);

    await slipway.call((c) =>
      c.apps.patchNamespacedDeployment({
        name: "web",
        namespace: ns,
        body: [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "hello-app:2.0" }],
      }),
    );
    await available(ns, "web", "hello-app:2.0");
    expect(await revisions(ns, "web")).toEqual({ "1": "hello-app:1.0", "2": "hello-app:2.0" });

    // Roll back the way `kubectl rollout undo --to-revision=1` does: revision 1's pod template.
    const sets = await slipway.call((c) =>
      c.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: "app=web" }),
    );
    const first = sets.items.find((rs) => rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] === "1")!;
    const template = structuredClone(first.spec!.template!);
    delete template.metadata!.labels!["pod-template-hash"];
    await slipway.call((c) =>
      c.apps.patchNamespacedDeployment({
        name: "web",
        namespace: ns,
        body: [{ op: "replace", path: "/spec/template", value: template }],
      }),
    );
    await available(ns, "web", "hello-app:1.0");
    expect(await revisions(ns, "web")).toEqual({ "2": "hello-app:2.0", "3": "hello-app:1.0" });

    const history = kubectl("rollout", "history", "deployment/web", "-n", ns);
    expect(history).toMatch(/REVISION/);
    expect(history).toMatch(/^2\s/m);
    expect(history).toMatch(/^3\s/m);
    kubectl("rollout", "undo", "deployment/web", "-n", ns);
    await available(ns, "web", "hello-app:2.0");
  });

  it("keeps a pod labelled unready Running but not Ready, so a rollout can fail at its deadline", async () => {
    const ns = await namespace("stuck");
    await slipway.call((c) =>
      c.apps.createNamespacedDeployment({
        namespace: ns,
        body: deployment("stuck", "hello-app:1.0", { "sandbox.slipway.dev/unready": "true" }),
      }),
    );
    const failed = await eventually(
      "ProgressDeadlineExceeded",
      async () => {
        const d = await slipway.call((c) => c.apps.readNamespacedDeployment({ name: "stuck", namespace: ns }));
        return d.status?.conditions?.find((k) => k.type === "Progressing" && k.reason === "ProgressDeadlineExceeded")
          ? d
          : undefined;
      },
      90_000,
    );
    expect(failed.status?.readyReplicas ?? 0).toBe(0);
    const pods = await slipway.call((c) => c.core.listNamespacedPod({ namespace: ns }));
    expect(pods.items.map((p) => p.status?.phase)).toEqual(["Running", "Running"]);
  }, 120_000);

  it("accepts HPA, CronJob, Ingress and Gateway API HTTPRoute objects", async () => {
    const ns = await namespace("kinds");
    const objects: (KubernetesObject & { spec: unknown })[] = [
      {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "web", namespace: ns },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
          minReplicas: 2,
          maxReplicas: 5,
          metrics: [
            { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
          ],
        },
      },
      {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "nightly", namespace: ns },
        spec: {
          schedule: "0 3 * * *",
          jobTemplate: {
            spec: {
              template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "job", image: "busybox" }] } },
            },
          },
        },
      },
      {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: "web", namespace: ns },
        spec: {
          rules: [
            {
              host: "hello.example.com",
              http: {
                paths: [
                  { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 8080 } } } },
                ],
              },
            },
          ],
        },
      },
      {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "web", namespace: ns },
        spec: {
          parentRefs: [{ name: "gw" }],
          rules: [
            {
              matches: [{ headers: [{ name: "X-Canary", value: "always" }] }],
              backendRefs: [{ name: "web-canary", port: 8080 }],
            },
          ],
        },
      },
    ];
    for (const object of objects) {
      const created = await slipway.call((c) => c.objects.create(object));
      expect(created.metadata?.uid, object.kind).toBeTruthy();
    }
  });

  it("tells an admin what Slipway may do: everything it needs with its own identity", async () => {
    const check = await checkConnection(slipway, "payments-dev");
    expect(check).toMatchObject({ ok: true, error: null, namespace: "payments-dev" });
    expect(check.serverVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(check.access.map((a) => `${a.verb} ${a.resource}: ${a.allowed}`)).toEqual([
      "create deployments: true",
      "patch deployments: true",
      "create services: true",
      "patch services: true",
      "create ingresses: true",
      "patch ingresses: true",
    ]);
  });

  it("and what it may not: an identity without rights is connected but denied", async () => {
    const ns = "slipway-system";
    const name = `nobody-${randomBytes(3).toString("hex")}`;
    await admin.call((c) => c.core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name } } }));
    await admin.call((c) =>
      c.core.createNamespacedSecret({
        namespace: ns,
        body: {
          metadata: { name, annotations: { "kubernetes.io/service-account.name": name } },
          type: "kubernetes.io/service-account-token",
        },
      }),
    );
    const token = await eventually("token", async () => {
      const secret = await admin.call((c) => c.core.readNamespacedSecret({ name, namespace: ns }));
      return secret.data?.token ? Buffer.from(secret.data.token, "base64").toString() : undefined;
    });
    const base = parseKubeconfig(sandboxKubeconfig("slipway")).config;
    const cluster = base.getCurrentCluster()!;
    const kubeconfig = [
      "apiVersion: v1",
      "kind: Config",
      `clusters: [{name: s, cluster: {server: "${cluster.server}", ${cluster.caData ? `certificate-authority-data: "${cluster.caData}"` : `certificate-authority: "${cluster.caFile}"`}}}]`,
      `users: [{name: u, user: {token: "${token}"}}]`,
      "contexts: [{name: c, context: {cluster: s, user: u}}]",
      "current-context: c",
    ].join("\n");
    const check = await checkConnection(buildClient("restricted", parseKubeconfig(kubeconfig).config), "payments-dev");
    expect(check.ok).toBe(false);
    expect(check.serverVersion).toMatch(/^v1\./);
    expect(check.access.every((a) => !a.allowed)).toBe(true);
  });

  it("refuses a cluster whose certificate the kubeconfig's CA did not sign", async () => {
    const sandbox = inject("sandbox");
    const server = parseKubeconfig(sandboxKubeconfig("slipway")).server;
    // Kubeconfigs carry their CA inline (file paths are refused): the etcd CA's, which did not
    // sign the apiserver's certificate.
    const wrongCa = readFileSync(join(sandbox.dir, "pki", "etcd-ca.crt")).toString("base64");
    const kubeconfig = [
      "apiVersion: v1",
      "kind: Config",
      `clusters: [{name: s, cluster: {server: "${server}", certificate-authority-data: "${wrongCa}"}}]`,
      "users: [{name: u, user: {token: t}}]",
      "contexts: [{name: c, context: {cluster: s, user: u}}]",
      "current-context: c",
    ].join("\n");
    const check = await checkConnection(buildClient("wrong-ca", parseKubeconfig(kubeconfig).config), "default");
    expect(check.ok).toBe(false);
    expect(check.error).toMatch(/^wrong-ca: the cluster's certificate is (not signed by|self-signed)/);
  });
});
