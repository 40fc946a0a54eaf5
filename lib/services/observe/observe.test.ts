import { randomBytes } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { translator } from "@/lib/i18n/locales";
import { kubeRequestCounts } from "@/lib/kube/request-counts";
import { stopAllCaches } from "@/lib/kube/watch-cache/registry";
import { renderMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { createApp } from "@/lib/services/apps/create-app";
import { renderAppEnvironment } from "@/lib/services/apps/render-app";
import { appRevisions } from "@/lib/services/releases/list-revisions";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { createTeam } from "@/lib/services/teams/create-team";
import { saveTemplateVersion } from "@/lib/services/templates/save-template-version";
import { ZContainerLogQuerySchema } from "@/lib/validations/observe";
import { ZSaveTemplateVersionSchema } from "@/lib/validations/template";
import { context, makeUser } from "@/test/factories";
import { closedPort, kubeconfigFor } from "@/test/kubeconfigs";
import { eventually, sandboxClient, sandboxKubeconfig } from "@/test/sandbox";
import { FaultProxy } from "@/test/support/fault-proxy";
import { containerLogEvents } from "./container-log-events";
import { listAppEvents } from "./list-app-events";
import { listAppPods } from "./list-app-pods";
import type { ContainerLogInput } from "./read-container-log";

const CANNED = "simulated container (kwok): no real workload runs in the Slipway sandbox";
const schema = {
  parameters: [
    { name: "image", type: "image", required: true, default: "registry.example.com/team/web:1.0" },
    { name: "replicas", type: "integer", default: 2, min: 0, max: 10 },
  ],
};
const body = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  replicas: \${{ params.replicas }}
  selector:
    matchLabels: \${{ selectorLabels }}
  template:
    metadata:
      labels: \${{ selectorLabels }}
    spec:
      containers:
        - name: web
          image: \${{ params.image }}
`;

const admin = sandboxClient("admin");
const t = translator("en");
// The reader's rendering of stored messages, as getI18n() gives it to the log route.
const render = (message: StoredMessage) => renderMessage(message, { t, clock: { locale: "en", timeZone: "UTC" } });
const suffix = randomBytes(3).toString("hex");
const team = `ob${suffix}`;
const envName = `e${suffix}`;
const namespace = `${team}-${envName}`;
let environmentId = "";
let web = "";
let webApi = "";
let webPods: string[] = [];
let webApiPod = "";

async function deploy(appId: string) {
  const { rendered } = await renderAppEnvironment(appId, environmentId);
  if (!rendered.ok) throw new Error(rendered.errors.map((e) => e.message).join("\n"));
  for (const object of rendered.objects) await admin.call((c) => c.objects.create(object as KubernetesObject));
}

async function podNames(instance: string) {
  const list = await admin.call((c) =>
    c.core.listNamespacedPod({ namespace, labelSelector: `app.kubernetes.io/instance=${instance}` }),
  );
  return list.items.filter((p) => p.status?.phase === "Running").map((p) => p.metadata!.name!);
}

beforeAll(async () => {
  const owner = await makeUser("admin");
  const { id: teamId } = await createTeam(owner, { name: team, displayName: "" }, context);
  const saved = await saveTemplateVersion(
    owner,
    ZSaveTemplateVersionSchema.parse({ name: `observe-${suffix}`, schemaText: JSON.stringify(schema), body }),
    context,
  );
  const templateVersionId = (await db.templateVersion.findFirstOrThrow({ where: { templateId: saved.templateId } })).id;
  const environment = await saveEnvironment(
    { system: "test" },
    {
      name: envName,
      displayName: envName,
      protected: false,
      position: 0,
      clusterMode: "kubeconfig",
      kubeconfig: sandboxKubeconfig("slipway"),
      namespacePattern: "{team}-{env}",
      saveUnverified: false,
    },
    context,
  );
  environmentId = environment.id;
  const app = (name: string) =>
    createApp(
      owner,
      { name, teamId, templateVersionId, imageRepository: `registry.example.com/${team}/${name}` },
      context,
    );
  // Two apps of one team share the namespace; one's name starts with the other's.
  web = (await app("web")).id;
  webApi = (await app("web-api")).id;
  await admin.call((c) => c.core.createNamespace({ body: { metadata: { name: namespace } } }));
  await deploy(web);
  await deploy(webApi);
  // A pod of the app that no node can take: Pending, with a FailedScheduling warning.
  await admin.call((c) =>
    c.core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name: "web-stuck", labels: { "app.kubernetes.io/instance": `web-${envName}` } },
        spec: { nodeSelector: { "no-such": "node" }, containers: [{ name: "web", image: "hello:1" }] },
      },
    }),
  );
  webPods = await eventually("web pods Running", async () => {
    const names = await podNames(`web-${envName}`);
    return names.length === 2 ? names : undefined;
  });
  webApiPod = (await eventually("web-api pods Running", async () => podNames(`web-api-${envName}`)))[0]!;
});

afterAll(async () => {
  stopAllCaches();
  await admin.call((c) => c.core.deleteNamespace({ name: namespace }));
});

// Requests Slipway sent to the environment's cluster other than watches: the lists a view would
// cost without the caches (counted as bench/scale counts them).
function listRequests(environment: string) {
  return kubeRequestCounts()
    .filter((c) => c.environment === environment && c.verb !== "watch")
    .reduce((sum, c) => sum + c.count, 0);
}

type Frame = { event: string; data: unknown };

function parseFrames(text: string): Frame[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const [event, data] = block.split("\n");
      return { event: event!.slice("event: ".length), data: JSON.parse(data!.slice("data: ".length)) as unknown };
    });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Frame[]> {
  return parseFrames(await new Response(stream).text());
}

function logInput(fields: Partial<ContainerLogInput>): ContainerLogInput {
  return {
    appId: web,
    environmentId,
    pod: webPods[0]!,
    container: "web",
    tailLines: 200,
    previous: false,
    follow: false,
    ...fields,
  };
}

describe("observe an app in an environment", () => {
  it("lists the app's pods with status, ready containers, restarts, node and image, not another app's", async () => {
    const result = await listAppPods(web, environmentId);
    expect(result).toMatchObject({ namespace, labelSelector: `app.kubernetes.io/instance=web-${envName}` });
    const pods = result.pods.ok ? result.pods.value : [];
    expect(pods.map((p) => p.name).sort()).toEqual([...webPods, "web-stuck"].sort());
    for (const name of webPods) {
      expect(pods.find((p) => p.name === name)).toMatchObject({
        status: "Running",
        readyContainers: 1,
        totalContainers: 1,
        restarts: 0,
        node: expect.stringMatching(/^kwok-node-\d$/),
        images: [`registry.example.com/${team}/web:latest`],
        containers: ["web"],
      });
    }
    expect(pods.find((p) => p.name === "web-stuck")).toMatchObject({
      status: "Pending",
      readyContainers: 0,
      node: null,
    });
  });

  it("shows a pod that appears after the first view, its events, and its going, without listing again", async () => {
    // The first views start the namespace's caches (one list each); the next ones read them.
    await listAppPods(web, environmentId);
    await listAppEvents(web, environmentId);
    const before = listRequests(envName);
    await admin.call((c) =>
      c.core.createNamespacedPod({
        namespace,
        body: {
          metadata: { name: "web-late", labels: { "app.kubernetes.io/instance": `web-${envName}` } },
          spec: { containers: [{ name: "web", image: "hello:2" }] },
        },
      }),
    );
    const late = await eventually("the new pod Running on the page", async () => {
      const { pods } = await listAppPods(web, environmentId);
      return pods.ok ? pods.value.find((p) => p.name === "web-late" && p.status === "Running") : undefined;
    });
    expect(late).toMatchObject({ readyContainers: 1, images: ["hello:2"], containers: ["web"] });
    await eventually("the new pod's events", async () => {
      const events = await listAppEvents(web, environmentId);
      return events.ok && events.value.some((e) => e.object === "Pod/web-late" && e.reason === "Scheduled");
    });
    await admin.call((c) => c.core.deleteNamespacedPod({ name: "web-late", namespace, gracePeriodSeconds: 0 }));
    await eventually("the pod gone from the page", async () => {
      const { pods } = await listAppPods(web, environmentId);
      return pods.ok && !pods.value.some((p) => p.name === "web-late");
    });
    expect(listRequests(envName)).toBe(before);
  });

  it("lists recent events of the app's Deployment, ReplicaSet and pods, newest first, not another app's", async () => {
    const events = await eventually("the app's events", async () => {
      const result = await listAppEvents(web, environmentId);
      const value = result.ok ? result.value : [];
      const reasons = new Set(value.map((e) => e.reason));
      return ["ScalingReplicaSet", "SuccessfulCreate", "Scheduled", "FailedScheduling"].every((r) => reasons.has(r))
        ? value
        : undefined;
    });
    expect(events.find((e) => e.reason === "ScalingReplicaSet")).toMatchObject({
      object: "Deployment/web",
      type: "Normal",
    });
    expect(events.find((e) => e.reason === "SuccessfulCreate")?.object).toMatch(/^ReplicaSet\/web-[a-z0-9]+$/);
    expect(events.find((e) => e.reason === "FailedScheduling")).toMatchObject({
      object: "Pod/web-stuck",
      type: "Warning",
      count: 1,
      message: expect.stringMatching(/didn't match Pod's node affinity\/selector/),
    });
    expect(events.filter((e) => e.object.includes("web-api"))).toEqual([]);
    expect(events.map((e) => e.time)).toEqual(
      events
        .map((e) => e.time)
        .sort()
        .reverse(),
    );

    const other = await listAppEvents(webApi, environmentId);
    const objects = other.ok ? other.value.map((e) => e.object) : [];
    expect(objects).toContain("Deployment/web-api");
    expect(objects.filter((o) => !o.includes("/web-api"))).toEqual([]);
  });

  it("streams a container's last lines as Server-Sent Events, also of the previous instance or an empty log", async () => {
    const signal = new AbortController().signal;
    const expected = [
      { event: "lines", data: [CANNED] },
      { event: "end", data: {} },
    ];
    expect(await readAll(containerLogEvents(logInput({}), { signal, t, render }))).toEqual(expected);
    expect(
      await readAll(containerLogEvents(logInput({ previous: true, tailLines: 5 }), { signal, t, render })),
    ).toEqual(expected);
    // A pod no node can take has an empty log: it is reported complete, not as an error.
    expect(await readAll(containerLogEvents(logInput({ pod: "web-stuck" }), { signal, t, render }))).toEqual([
      { event: "end", data: {} },
    ]);
  });

  it("follows a log live until the browser goes away, by disconnect or by cancelling the stream", async () => {
    const decoder = new TextDecoder();
    for (const leave of ["abort", "cancel"] as const) {
      const browser = new AbortController();
      const reader = containerLogEvents(logInput({ follow: true }), { signal: browser.signal, t, render }).getReader();
      const first = await reader.read();
      expect(parseFrames(decoder.decode(first.value))).toEqual([{ event: "lines", data: [CANNED] }]);
      const next = reader.read();
      const quiet = await Promise.race([next.then(() => "data"), new Promise((r) => setTimeout(r, 1000, "open"))]);
      expect(quiet).toBe("open");
      if (leave === "abort") {
        browser.abort();
        expect(parseFrames(decoder.decode((await next).value))).toEqual([{ event: "end", data: {} }]);
        expect((await reader.read()).done).toBe(true);
      } else {
        await reader.cancel();
        expect((await next).done).toBe(true);
      }
    }
  });

  it("explains, as a message in the stream, a pod of another app, a missing container and a missing pod", async () => {
    const signal = new AbortController().signal;
    const problem = async (fields: Partial<ContainerLogInput>) =>
      (await readAll(containerLogEvents(logInput(fields), { signal, t, render }))).find((f) => f.event === "problem")
        ?.data;
    expect(await problem({ pod: webApiPod })).toEqual({
      message: `Pod ${webApiPod} does not belong to web-${envName}.`,
    });
    expect(await problem({ container: "sidecar", follow: true })).toEqual({
      message: `Pod ${webPods[0]} has no container sidecar (it has: web).`,
    });
    expect(await problem({ pod: "web-gone" })).toEqual({ message: `${envName}: not found: pods "web-gone" not found` });
  });

  it("shows an unreachable cluster as a message instead of failing the page", async () => {
    const down = await saveEnvironment(
      { system: "test" },
      {
        name: `d${suffix}`,
        displayName: "down",
        protected: false,
        position: 0,
        clusterMode: "kubeconfig",
        kubeconfig: kubeconfigFor(`https://127.0.0.1:${await closedPort()}`),
        namespacePattern: "{team}-{env}",
        saveUnverified: true,
      },
      context,
    );
    const unreachable = { ok: false, error: `d${suffix}: cluster unreachable (ECONNREFUSED)` };
    expect((await listAppPods(web, down.id)).pods).toEqual(unreachable);
    expect(await listAppEvents(web, down.id)).toEqual(unreachable);
    const frames = await readAll(
      containerLogEvents(logInput({ environmentId: down.id, follow: true }), {
        signal: new AbortController().signal,
        t,
        render,
      }),
    );
    expect(frames).toEqual([{ event: "problem", data: { message: unreachable.error } }]);
  });

  it(
    "says a cache is not synced when its cluster goes away, instead of showing its last pods",
    { timeout: 180_000 },
    async () => {
      const proxy = await FaultProxy.start(inject("sandbox"));
      try {
        const proxied = await saveEnvironment(
          { system: "test" },
          {
            name: `p${suffix}`,
            displayName: "proxied",
            protected: false,
            position: 0,
            clusterMode: "kubeconfig",
            kubeconfig: proxy.slipwayKubeconfig(),
            namespacePattern: "{team}-{env}",
            saveUnverified: true,
          },
          context,
        );
        const proxiedNamespace = `${team}-p${suffix}`;
        await admin.call((c) => c.core.createNamespace({ body: { metadata: { name: proxiedNamespace } } }));
        await admin.call((c) =>
          c.core.createNamespacedPod({
            namespace: proxiedNamespace,
            body: {
              metadata: { name: "web-0", labels: { "app.kubernetes.io/instance": `web-p${suffix}` } },
              spec: { containers: [{ name: "web", image: "hello:1" }] },
            },
          }),
        );
        const names = async () => {
          const { pods } = await listAppPods(web, proxied.id);
          return pods.ok ? pods.value.map((p) => p.name) : pods;
        };
        await eventually("the pod through the proxy", async () => (await names()).toString() === "web-0");
        await proxy.down();
        const unsynced = await eventually("the page told the cache is not synced", async () => {
          const result = await names();
          return Array.isArray(result) ? undefined : result;
        });
        expect(unsynced).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`^p${suffix}: `)) });
        expect(await listAppEvents(web, proxied.id)).toMatchObject({ ok: false, error: expect.any(String) });
        // What changes while the cache cannot see it shows once it has caught up.
        await admin.call((c) =>
          c.core.createNamespacedPod({
            namespace: proxiedNamespace,
            body: {
              metadata: { name: "web-1", labels: { "app.kubernetes.io/instance": `web-p${suffix}` } },
              spec: { containers: [{ name: "web", image: "hello:1" }] },
            },
          }),
        );
        await proxy.up();
        await eventually(
          "both pods once the cache recovered",
          async () => (await names()).toString() === "web-0,web-1",
          90_000,
        );
        await admin.call((c) => c.core.deleteNamespace({ name: proxiedNamespace }));
      } finally {
        await proxy.down();
      }
    },
  );

  it("validates the log query, naming the field", () => {
    const base = { env: environmentId, pod: "web-7b899c7bcc-x2vzq", container: "web" };
    expect(ZContainerLogQuerySchema.parse(base)).toEqual({ ...base, tailLines: 200, previous: false, follow: false });
    expect(ZContainerLogQuerySchema.parse({ ...base, tailLines: "5000", previous: "true", follow: "1" })).toMatchObject(
      {
        tailLines: 5000,
        previous: true,
        follow: true,
      },
    );
    const refused = (query: Record<string, string>) =>
      ZContainerLogQuerySchema.safeParse({ ...base, ...query }).error?.issues.map((i) => [i.path.join("."), i.message]);
    for (const tailLines of ["0", "5001", "abc", "2.5"]) {
      expect(refused({ tailLines })).toEqual([["tailLines", "observe.validation.tailLines"]]);
    }
    expect(refused({ previous: "maybe" })).toEqual([["previous", "observe.validation.flag"]]);
    expect(refused({ pod: "Web_1" })).toEqual([["pod", "observe.validation.pod"]]);
    expect(refused({ env: "dev" })?.[0]?.[0]).toBe("env");
  });
  it("gives the app's revision history from the ReplicaSets cache, a new revision without listing again", async () => {
    const first = await appRevisions(web, environmentId);
    expect(first).toMatchObject({
      ok: true,
      value: [{ revision: 1, images: [`registry.example.com/${team}/web:latest`], replicas: 2 }],
    });
    const before = listRequests(envName);
    const current = await admin.call((c) => c.apps.readNamespacedDeployment({ name: "web", namespace }));
    current.spec!.template.spec!.containers[0]!.image = `registry.example.com/${team}/web:2`;
    await admin.call((c) => c.apps.replaceNamespacedDeployment({ name: "web", namespace, body: current }));
    const revisions = await eventually("revision 2 on the page", async () => {
      const read = await appRevisions(web, environmentId);
      return read.ok && read.value.length === 2 ? read.value : undefined;
    });
    expect(revisions.map((r) => [r.revision, r.images])).toEqual([
      [2, [`registry.example.com/${team}/web:2`]],
      [1, [`registry.example.com/${team}/web:latest`]],
    ]);
    expect(listRequests(envName)).toBe(before);
    const other = await appRevisions(webApi, environmentId);
    expect(other.ok && other.value.map((r) => r.replicaSet)).toEqual([expect.stringMatching(/^web-api-/)]);
  });
});
