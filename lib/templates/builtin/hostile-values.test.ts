import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { isConfigMapKey } from "../k8s-names";
import { renderTemplate } from "../render-template";
import { hostileString } from "../test-support/hostile-strings";
import { webService } from "./web-service";

const APP = { name: "hello-app", team: "shop" };
const ENV = { name: "dev", namespace: "shop-dev" };
const GATEWAY = { name: "edge", namespace: "gateway-system", sectionName: "http" };
type Routing = "ingress_nginx" | "gateway_api";
const IMAGE = "harbor.example.com/shop/hello-app:1.0";

type Probe =
  | { type: "http"; path: string; port: number; periodSeconds?: number }
  | { type: "tcp"; port: number; initialDelaySeconds?: number }
  | { type: "exec"; command: string[]; failureThreshold?: number };

type Values = {
  replicas: number;
  port: number;
  env: { name: string; value: string }[];
  secretValues: Record<string, string>;
  configFiles: Record<string, string>;
  configMountPath: string;
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  ingress?: { host: string; path: string; tlsSecret?: string };
  ingressClassName: string;
  autoscaling: { enabled: boolean; min: number; max: number; targetCpu: number };
  rollingUpdate: { maxSurge: number | string; maxUnavailable: number | string };
  metricsPath: string;
};

const nonEmpty = (record: object) => Object.keys(record).length > 0;

function kubeProbe(probe: Probe): Record<string, unknown> {
  const { type: _type, ...rest } = probe;
  if (probe.type === "http") {
    const { path, port, ...timing } = rest as { path: string; port: number };
    return { httpGet: { path, port }, ...timing };
  }
  if (probe.type === "tcp") {
    const { port, ...timing } = rest as { port: number };
    return { tcpSocket: { port }, ...timing };
  }
  const { command, ...timing } = rest as { command: string[] };
  return { exec: { command }, ...timing };
}

// web-service written out by hand in JS: what the template must produce, key order included.
function expectedObjects(values: Values, routing: Routing): Record<string, unknown>[] {
  const selectorLabels = {
    "app.kubernetes.io/name": APP.name,
    "app.kubernetes.io/instance": `${APP.name}-${ENV.name}`,
  };
  const labels = { ...selectorLabels, "app.kubernetes.io/managed-by": "slipway" };
  const metadata = (name: string) => ({ name, namespace: ENV.namespace, labels });
  const hasFiles = nonEmpty(values.configFiles);
  const hasSecrets = nonEmpty(values.secretValues);
  const container = {
    name: "app",
    image: IMAGE,
    ports: [{ name: "http", containerPort: values.port }],
    env: values.env,
    envFrom: hasSecrets ? [{ secretRef: { name: `${APP.name}-secrets` } }] : [],
    resources: values.resources,
    ...(values.readinessProbe && { readinessProbe: kubeProbe(values.readinessProbe) }),
    ...(values.livenessProbe && { livenessProbe: kubeProbe(values.livenessProbe) }),
    volumeMounts: hasFiles
      ? [{ name: "config", mountPath: values.configMountPath || "/etc/config", readOnly: true }]
      : [],
  };
  const objects: Record<string, unknown>[] = [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: metadata(APP.name),
      spec: {
        ...(!values.autoscaling.enabled && { replicas: values.replicas }),
        selector: { matchLabels: selectorLabels },
        strategy: { type: "RollingUpdate", rollingUpdate: values.rollingUpdate },
        template: {
          metadata: {
            labels,
            ...(values.metricsPath && {
              annotations: { "prometheus.io/scrape": "true", "prometheus.io/path": values.metricsPath },
            }),
          },
          spec: {
            containers: [container],
            volumes: hasFiles ? [{ name: "config", configMap: { name: `${APP.name}-config` } }] : [],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: metadata(APP.name),
      spec: { selector: selectorLabels, ports: [{ name: "http", port: values.port, targetPort: "http" }] },
    },
  ];
  const ingress = values.ingress;
  if (ingress?.host && routing === "gateway_api")
    objects.push({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: metadata(APP.name),
      spec: {
        parentRefs: [GATEWAY],
        hostnames: [ingress.host],
        rules: [
          {
            matches: [{ path: { type: "PathPrefix", value: ingress.path } }],
            backendRefs: [{ name: APP.name, port: values.port }],
          },
        ],
      },
    });
  if (ingress?.host && routing === "ingress_nginx")
    objects.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: metadata(APP.name),
      spec: {
        ...(values.ingressClassName && { ingressClassName: values.ingressClassName }),
        tls: ingress.tlsSecret ? [{ hosts: [ingress.host], secretName: ingress.tlsSecret }] : [],
        rules: [
          {
            host: ingress.host,
            http: {
              paths: [
                {
                  path: ingress.path,
                  pathType: "Prefix",
                  backend: { service: { name: APP.name, port: { name: "http" } } },
                },
              ],
            },
          },
        ],
      },
    });
  if (values.autoscaling.enabled)
    objects.push({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: metadata(APP.name),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: APP.name },
        minReplicas: values.autoscaling.min,
        maxReplicas: values.autoscaling.max,
        metrics: [
          {
            type: "Resource",
            resource: {
              name: "cpu",
              target: { type: "Utilization", averageUtilization: values.autoscaling.targetCpu },
            },
          },
        ],
      },
    });
  if (hasFiles)
    objects.push({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: metadata(`${APP.name}-config`),
      data: values.configFiles,
    });
  if (hasSecrets)
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: metadata(`${APP.name}-secrets`),
      type: "Opaque",
      stringData: values.secretValues,
    });
  return objects;
}

// Valid keys that YAML would misread if printed bare.
const fileKey = fc
  .oneof(
    fc.constantFrom("0755", "yes", "null", "1e3", "---", "-", "_", "a..b", ".env", "on", "1", "12", "true", "0x1F"),
    fc.stringMatching(/^[-._a-zA-Z0-9]{1,16}$/),
  )
  .filter((key) => isConfigMapKey(key) && key !== "__proto__");
const fileMap = fc.dictionary(fileKey, hostileString(), { maxKeys: 3 });
const port = fc.integer({ min: 1, max: 65535 });
const probe: fc.Arbitrary<Probe> = fc.oneof(
  fc.record({
    type: fc.constant("http" as const),
    path: hostileString(200).map((p) => `/${p}`),
    port,
    periodSeconds: fc.nat(60),
  }),
  fc.record({ type: fc.constant("tcp" as const), port, initialDelaySeconds: fc.nat(60) }),
  fc.record({ type: fc.constant("exec" as const), command: fc.array(hostileString(), { minLength: 1, maxLength: 3 }) }),
);
const values: fc.Arbitrary<Values> = fc.record(
  {
    replicas: fc.integer({ min: 0, max: 50 }),
    port,
    env: fc.uniqueArray(
      fc.record({ name: fc.stringMatching(/^[-._a-zA-Z][-._a-zA-Z0-9]{0,15}$/), value: hostileString() }),
      { selector: (e) => e.name, maxLength: 4 },
    ),
    secretValues: fileMap,
    configFiles: fileMap,
    configMountPath: hostileString(4096),
    resources: fc.constant({ requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } }),
    readinessProbe: probe,
    livenessProbe: probe,
    ingress: fc.record(
      {
        host: fc.constantFrom("", "hello.example.com", "*.example.com"),
        path: hostileString(200).map((p) => `/${p}`),
        tlsSecret: fc.constantFrom("hello-tls", "a.b"),
      },
      { requiredKeys: ["host", "path"] },
    ),
    ingressClassName: hostileString(253),
    autoscaling: fc.record({
      enabled: fc.boolean(),
      min: fc.integer({ min: 1, max: 5 }),
      max: fc.integer({ min: 5, max: 10 }),
      targetCpu: fc.integer({ min: 1, max: 100 }),
    }),
    rollingUpdate: fc.record({ maxSurge: fc.constantFrom(1, "25%"), maxUnavailable: fc.constantFrom(0, "10%") }),
    metricsPath: hostileString(1024),
  },
  {
    requiredKeys: [
      "replicas",
      "port",
      "env",
      "secretValues",
      "configFiles",
      "configMountPath",
      "resources",
      "ingressClassName",
      "autoscaling",
      "rollingUpdate",
      "metricsPath",
    ],
  },
);

function readBack(yaml: string, version: "1.1" | "1.2"): unknown[] {
  const docs = parseAllDocuments(yaml, { version });
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) expect([...doc.errors, ...doc.warnings]).toEqual([]);
  return docs.map((doc) => doc.toJS({ maxAliasCount: 0 }) as unknown);
}

describe("web-service with hostile values", () => {
  it("renders exactly the objects built in JS, and YAML that reads back as them", () => {
    fc.assert(
      fc.property(values, fc.constantFrom<Routing>("ingress_nginx", "gateway_api"), (input, mode) => {
        const routing = mode === "gateway_api" ? { mode, gateway: GATEWAY } : { mode };
        const env = { ...ENV, routing };
        const result = renderTemplate({ ...webService, values: { ...input, image: IMAGE }, app: APP, env });
        if (!result.ok) throw new Error(JSON.stringify(result.errors.map((e) => e.message)));
        const expected = expectedObjects(input, mode);
        expect(result.objects).toEqual(expected);
        expect(JSON.stringify(result.objects)).toBe(JSON.stringify(expected));
        expect(readBack(result.yaml, "1.2")).toEqual(expected);
        expect(readBack(result.yaml, "1.1")).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    // Hundreds of renders with 100 KB strings: seconds on a busy machine.
  }, 60_000);
});
