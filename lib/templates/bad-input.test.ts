import { describe, expect, it } from "vitest";
import type { ParameterDef } from "./parameter-def";
import { renderTemplate, validateTemplate } from "./render-template";

const APP = { name: "web", team: "shop" };
const ENV = { name: "dev", namespace: "shop-dev" };

const PARAMETERS: ParameterDef[] = [
  { name: "port", type: "port", default: 8080 },
  { name: "env", type: "keyValueList", default: [] },
  { name: "resources", type: "resources", default: {} },
  { name: "name", type: "string", default: "web" },
  { name: "suffix", type: "string" },
];

const deployment = (container: string, name = "${{ params.name }}") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: \${{ selectorLabels }}
  template:
    metadata:
      labels: \${{ labels }}
    spec:
      containers:
        - name: app
          image: nginx:1.27
${container.replace(/^/gm, "          ")}
`;

function errors(body: string, values: Record<string, unknown> = {}, parameters = PARAMETERS) {
  const result = renderTemplate({ schema: { parameters }, body, values, app: APP, env: ENV });
  if (result.ok) throw new Error("rendered although it should not");
  return result.errors;
}

describe("bad templates and values", () => {
  it("reports YAML that does not parse with its document, line and column", () => {
    const body =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\ndata:\n  a: [1, 2\n  b: 3\n";
    expect(validateTemplate({ schema: { parameters: [] }, body })).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          code: "yaml",
          document: 2,
          line: 9,
          column: 3,
          message: expect.stringContaining("Flow sequence"),
        }),
      ],
    });
    expect(validateTemplate({ schema: { parameters: [] }, body: "a: 1\n\tb: 2\n" })).toMatchObject({
      ok: false,
      errors: [{ code: "yaml", document: 1, line: 2, column: 1 }],
    });
  });

  it("reports an unknown placeholder with its document, line and column, before any values", () => {
    const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "b-\${{ params.prot }}"\n`;
    expect(validateTemplate({ schema: { parameters: PARAMETERS }, body })).toEqual({
      ok: false,
      errors: [
        {
          code: "unknown_placeholder",
          message:
            'unknown placeholder ${{ params.prot }}: params has no field "prot" (known: port, env, resources, name, suffix)',
          document: 2,
          line: 9,
          column: 12,
        },
      ],
    });
  });

  it("reports a default that fails its own type, naming the parameter", () => {
    const schema = { parameters: [{ name: "replicas", type: "integer", min: 1, default: 0 }] };
    expect(validateTemplate({ schema, body: "" })).toEqual({
      ok: false,
      errors: [
        {
          code: "invalid_values",
          message: 'parameter "replicas": default 0 is below min 1',
          parameter: "replicas",
          path: "default",
        },
      ],
    });
  });

  it("reports names that are not DNS-1123", () => {
    expect(errors(deployment(""), { name: "Hello_World" })).toEqual([
      expect.objectContaining({
        code: "invalid_output",
        document: 1,
        path: "metadata.name",
        message:
          'document 1 (Deployment/Hello_World): metadata.name: "Hello_World" is not a valid Deployment name (DNS-1123 label: lowercase letters, digits and "-", at most 63 characters)',
      }),
    ]);
    expect(errors(deployment("", "a".repeat(64)))[0]?.message).toContain("at most 63 characters");
    expect(errors("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a..b\n")[0]?.message).toBe(
      'document 1 (ConfigMap/a..b): metadata.name: "a..b" is not a valid name (DNS-1123 subdomain: lowercase letters, digits, "-" and ".", at most 253 characters)',
    );
  });

  it("reports a quantity like 1.5.5Gi in values and in the template", () => {
    expect(
      errors(deployment("resources: ${{ params.resources }}"), { resources: { limits: { memory: "1.5.5Gi" } } }),
    ).toEqual([
      {
        code: "invalid_values",
        message: 'parameter "resources" limits.memory: "1.5.5Gi" is not a valid quantity (e.g. 250m, 1.5, 128Mi, 2Gi)',
        parameter: "resources",
        path: "limits.memory",
      },
    ]);
    expect(
      errors(deployment("resources:\n  limits:\n    memory: 1.5.5Gi\n    cpu: 2\n  requests:\n    cpu: 3")),
    ).toEqual([
      expect.objectContaining({
        path: "spec.template.spec.containers[0].resources.limits.memory",
        message: expect.stringContaining('"1.5.5Gi" is not a valid quantity'),
      }),
      expect.objectContaining({
        path: "spec.template.spec.containers[0].resources.limits.cpu",
        message: expect.stringContaining("the limit is below the request (3)"),
      }),
    ]);
  });

  it("reports port 70000 in values and in the template", () => {
    expect(errors(deployment("ports:\n  - containerPort: ${{ params.port }}"), { port: 70000 })).toEqual([
      { code: "invalid_values", message: 'parameter "port": 70000 is not a port (1-65535)', parameter: "port" },
    ]);
    expect(errors(deployment("ports:\n  - containerPort: 70000\nreadinessProbe:\n  tcpSocket:\n    port: 0"))).toEqual([
      expect.objectContaining({
        path: "spec.template.spec.containers[0].ports[0].containerPort",
        message:
          "document 1 (Deployment/web): spec.template.spec.containers[0].ports[0].containerPort: 70000 is not a port (1-65535)",
      }),
      expect.objectContaining({ path: "spec.template.spec.containers[0].readinessProbe.tcpSocket.port" }),
    ]);
  });

  it("reports environment variable names like 1BAD and 'has space' in values and in the template", () => {
    expect(
      errors(deployment("env: ${{ params.env }}"), {
        env: [
          { name: "1BAD", value: "" },
          { name: "has space", value: "" },
        ],
      }).map((e) => e.message),
    ).toEqual([
      'parameter "env" [0].name: "1BAD" is not a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)',
      'parameter "env" [1].name: "has space" is not a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)',
    ]);
    expect(errors(deployment("env:\n  - name: OK\n  - name: 1BAD\n    value: x")).map((e) => e.path)).toEqual([
      "spec.template.spec.containers[0].env[1].name",
    ]);
  });

  it("reports a selector that matches no pod, and a missing kind or apiVersion", () => {
    const body = deployment("").replace("matchLabels: ${{ selectorLabels }}", "matchLabels: { app: other }");
    expect(errors(body)[0]?.message).toBe(
      'document 1 (Deployment/web): spec.selector.matchLabels: app="other" is not among spec.template.metadata.labels, so the selector would match no pod',
    );
    expect(errors("metadata:\n  name: a\n").map((e) => e.message)).toEqual([
      "document 1 (?/a): apiVersion: is required",
      "document 1 (?/a): kind: is required",
    ]);
  });

  it("reports label values and annotations Kubernetes would refuse", () => {
    const long = { name: "a".repeat(60), team: "shop" };
    const result = renderTemplate({
      schema: { parameters: [] },
      body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    port: 8080\n",
      values: {},
      app: long,
      env: ENV,
    });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      "metadata.labels.app.kubernetes.io/instance",
      "metadata.annotations.port",
    ]);
  });

  it("reports a placeholder with no value inside a string, naming the parameter", () => {
    expect(errors("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-${{ params.suffix }}\n")).toEqual([
      expect.objectContaining({
        code: "invalid_values",
        message: "placeholder ${{ params.suffix }} has no value",
        parameter: "suffix",
        document: 1,
        line: 4,
        path: "metadata.name",
      }),
    ]);
  });

  it("collects every problem instead of stopping at the first", () => {
    const body = `${deployment("ports:\n  - containerPort: 0")}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: Web\n`;
    expect(errors(body)).toHaveLength(2);
  });
});
