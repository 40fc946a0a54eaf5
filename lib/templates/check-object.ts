import {
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isLabelKey,
  isLabelValue,
  isPortName,
  isPortNumber,
} from "./k8s-names";
import { parseQuantity, QUANTITY_HINT } from "./parse-quantity";
import { isPlainRecord } from "./plain-values";
import { showValue } from "./show-value";
import type { TemplateError } from "./template-error";

type Rec = Record<string, unknown>;

// Names that become DNS labels or get suffixes appended (a CronJob's Jobs add 11 characters).
const LABEL_NAME_LIMITS: Readonly<Record<string, number>> = { Service: 63, Deployment: 63, CronJob: 52 };
const SELECTING_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};
const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

const get = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((node, key) => (isPlainRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined), value);
const records = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter(isPlainRecord) : []);

class ObjectChecker {
  readonly errors: TemplateError[] = [];
  private label = "";

  constructor(private readonly document: number) {}

  private fail(path: string, message: string) {
    this.errors.push({
      code: "invalid_output",
      message: `document ${this.document}${this.label}: ${path}: ${message}`,
      document: this.document,
      path,
    });
  }

  check(object: unknown) {
    if (!isPlainRecord(object)) return this.fail("(root)", "a document must be a mapping (a Kubernetes object)");
    const { apiVersion, kind } = object;
    const name = get(object, "metadata", "name");
    this.label = ` (${typeof kind === "string" ? kind : "?"}/${typeof name === "string" ? name : "?"})`;
    if (typeof apiVersion !== "string" || !apiVersion) this.fail("apiVersion", "is required");
    if (typeof kind !== "string" || !kind) return this.fail("kind", "is required");
    this.metadata(object.metadata, kind);
    if (SELECTING_KINDS.has(kind)) this.selector(object);
    if (kind === "Service") this.servicePorts(get(object, "spec", "ports"));
    const podSpecPath = POD_SPEC_PATHS[kind];
    if (podSpecPath) this.podSpec(get(object, ...podSpecPath), podSpecPath.join("."));
  }

  private metadata(metadata: unknown, kind: string) {
    if (!isPlainRecord(metadata)) return this.fail("metadata", "is required");
    const { name, namespace, labels, annotations } = metadata;
    const limit = LABEL_NAME_LIMITS[kind];
    if (typeof name !== "string" || !name) this.fail("metadata.name", "is required");
    else if (limit !== undefined && !isDns1123Label(name, limit))
      this.fail(
        "metadata.name",
        `${showValue(name)} is not a valid ${kind} name (DNS-1123 label: lowercase letters, digits and "-", at most ${limit} characters)`,
      );
    else if (limit === undefined && !isDns1123Subdomain(name))
      this.fail(
        "metadata.name",
        `${showValue(name)} is not a valid name (DNS-1123 subdomain: lowercase letters, digits, "-" and ".", at most 253 characters)`,
      );
    if (namespace !== undefined && (typeof namespace !== "string" || !isDns1123Label(namespace)))
      this.fail("metadata.namespace", `${showValue(namespace)} is not a valid namespace`);
    this.labels(labels, "metadata.labels");
    if (annotations !== undefined && !isPlainRecord(annotations)) this.fail("metadata.annotations", "must be a map");
    for (const [key, value] of Object.entries(isPlainRecord(annotations) ? annotations : {}))
      if (typeof value !== "string") this.fail(`metadata.annotations.${key}`, `${showValue(value)} must be a string`);
  }

  private labels(labels: unknown, path: string) {
    if (labels === undefined) return;
    if (!isPlainRecord(labels)) return this.fail(path, "must be a map");
    for (const [key, value] of Object.entries(labels)) {
      if (!isLabelKey(key)) this.fail(path, `${showValue(key)} is not a valid label key`);
      if (typeof value !== "string" || !isLabelValue(value))
        this.fail(
          `${path}.${key}`,
          `${showValue(value)} is not a valid label value (a string of at most 63 letters, digits, "-", "_", ".")`,
        );
    }
  }

  private selector(object: Rec) {
    const matchLabels = get(object, "spec", "selector", "matchLabels");
    const podLabels = get(object, "spec", "template", "metadata", "labels");
    this.labels(podLabels, "spec.template.metadata.labels");
    if (!isPlainRecord(matchLabels)) return this.fail("spec.selector.matchLabels", "is required");
    for (const [key, value] of Object.entries(matchLabels))
      if (!isPlainRecord(podLabels) || podLabels[key] !== value)
        this.fail(
          "spec.selector.matchLabels",
          `${key}=${showValue(value)} is not among spec.template.metadata.labels, so the selector would match no pod`,
        );
  }

  private servicePorts(ports: unknown) {
    records(ports).forEach((port, index) => {
      if (!isPortNumber(port.port))
        this.fail(`spec.ports[${index}].port`, `${showValue(port.port)} is not a port (1-65535)`);
      if (port.targetPort !== undefined) this.portRef(port.targetPort, `spec.ports[${index}].targetPort`);
    });
  }

  private portRef(port: unknown, path: string) {
    if (typeof port === "string" ? !isPortName(port) : !isPortNumber(port))
      this.fail(path, `${showValue(port)} is not a port (1-65535) or a port name`);
  }

  private podSpec(spec: unknown, path: string) {
    if (!isPlainRecord(spec)) return this.fail(path, "is required");
    if (records(spec.containers).length === 0) this.fail(`${path}.containers`, "needs at least one container");
    for (const list of ["initContainers", "containers"] as const)
      records(spec[list]).forEach((container, index) => this.container(container, `${path}.${list}[${index}]`));
  }

  private container(container: Rec, path: string) {
    if (typeof container.name !== "string" || !isDns1123Label(container.name))
      this.fail(`${path}.name`, `${showValue(container.name)} is not a valid container name (DNS-1123 label)`);
    this.resources(container.resources, `${path}.resources`);
    records(container.ports).forEach((port, index) => {
      if (!isPortNumber(port.containerPort))
        this.fail(`${path}.ports[${index}].containerPort`, `${showValue(port.containerPort)} is not a port (1-65535)`);
      if (port.hostPort !== undefined && !isPortNumber(port.hostPort))
        this.fail(`${path}.ports[${index}].hostPort`, `${showValue(port.hostPort)} is not a port (1-65535)`);
    });
    records(container.env).forEach((variable, index) => {
      if (typeof variable.name !== "string" || !isEnvVarName(variable.name))
        this.fail(
          `${path}.env[${index}].name`,
          `${showValue(variable.name)} is not a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)`,
        );
    });
    for (const probe of PROBES) {
      for (const handler of ["httpGet", "tcpSocket"]) {
        const port = get(container, probe, handler, "port");
        if (port !== undefined) this.portRef(port, `${path}.${probe}.${handler}.port`);
      }
    }
  }

  private resources(resources: unknown, path: string) {
    const amounts: Record<string, Record<string, number>> = {};
    for (const group of ["requests", "limits"]) {
      const entries = get(resources, group);
      if (entries === undefined) continue;
      if (!isPlainRecord(entries)) {
        this.fail(`${path}.${group}`, "must be a map");
        continue;
      }
      const parsed: Record<string, number> = (amounts[group] = {});
      for (const [resource, amount] of Object.entries(entries)) {
        const value = typeof amount === "string" || typeof amount === "number" ? parseQuantity(String(amount)) : null;
        if (value === null || value < 0)
          this.fail(`${path}.${group}.${resource}`, `${showValue(amount)} is not a valid quantity (${QUANTITY_HINT})`);
        else parsed[resource] = value;
      }
    }
    for (const [resource, limit] of Object.entries(amounts.limits ?? {})) {
      const request = amounts.requests?.[resource];
      if (request !== undefined && limit < request)
        this.fail(
          `${path}.limits.${resource}`,
          `the limit is below the request (${showValue(get(resources, "requests", resource))})`,
        );
    }
  }
}

export function checkObject(object: unknown, document: number): TemplateError[] {
  const checker = new ObjectChecker(document);
  checker.check(object);
  return checker.errors;
}
