import { randomBytes } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { translator } from "@/lib/i18n/locales";
import { createApp } from "@/lib/services/apps/create-app";
import { renderAppEnvironment } from "@/lib/services/apps/render-app";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { createTeam } from "@/lib/services/teams/create-team";
import { saveTemplateVersion } from "@/lib/services/templates/save-template-version";
import { ZContainerLogQuerySchema } from "@/lib/validations/observe";
import { ZSaveTemplateVersionSchema } from "@/lib/validations/template";
import { context, makeUser } from "@/test/factories";
import { closedPort, kubeconfigFor } from "@/test/kubeconfigs";
import { eventually, sandboxClient, sandboxKubeconfig } from "@/test/sandbox";
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
  await admin.call((c) => c.core.deleteNamespace({ name: namespace }));
});

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
    expect(await readAll(containerLogEvents(logInput({}), { signal, t }))).toEqual(expected);
    expect(await readAll(containerLogEvents(logInput({ previous: true, tailLines: 5 }), { signal, t }))).toEqual(
      expected,
    );
    // A pod no node can take has an empty log: it is reported complete, not as an error.
    expect(await readAll(containerLogEvents(logInput({ pod: "web-stuck" }), { signal, t }))).toEqual([
      { event: "end", data: {} },
    ]);
  });

  it("follows a log live until the browser goes away, by disconnect or by cancelling the stream", async () => {
    const decoder = new TextDecoder();
    for (const leave of ["abort", "cancel"] as const) {
      const browser = new AbortController();
      const reader = containerLogEvents(logInput({ follow: true }), { signal: browser.signal, t }).getReader();
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
      (await readAll(containerLogEvents(logInput(fields), { signal, t }))).find((f) => f.event === "problem")?.data;
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
      }),
    );
    expect(frames).toEqual([{ event: "problem", data: { message: unreachable.error } }]);
  });

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
});
