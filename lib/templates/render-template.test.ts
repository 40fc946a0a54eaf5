import { describe, expect, it } from "vitest";
import type { ParameterDef } from "./parameter-def";
import { renderTemplate, validateTemplate } from "./render-template";

const APP = { name: "web", team: "shop" };
const ENV = { name: "dev", namespace: "shop-dev" };

const PARAMETERS: ParameterDef[] = [
  { name: "replicas", type: "integer", default: 2 },
  { name: "enabled", type: "boolean", default: false },
  { name: "note", type: "string" },
  { name: "env", type: "keyValueList", default: [] },
  { name: "files", type: "configFiles", default: {} },
  { name: "probe", type: "probe" },
  { name: "resources", type: "resources", default: { requests: { cpu: "100m" } } },
];

function render(body: string, values: Record<string, unknown> = {}) {
  return renderTemplate({ schema: { parameters: PARAMETERS }, body, values, app: APP, env: ENV });
}

function objects(body: string, values: Record<string, unknown> = {}) {
  const result = render(body, values);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.objects;
}

// A ConfigMap whose data is the body under test, so only the substitution is compared.
function data(yaml: string, values: Record<string, unknown> = {}): unknown {
  const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n${yaml.replace(/^/gm, "  ")}`;
  return objects(body, values)[0]?.data;
}

describe("placeholders", () => {
  it("replace a whole scalar with the typed value, built from the value and not from text", () => {
    expect(
      data(
        "replicas: ${{ params.replicas }}\nenabled: ${{ params.enabled }}\nenv: ${{ params.env }}\nres: ${{ params.resources }}",
        {
          enabled: true,
          env: [{ name: "A", value: "1" }],
        },
      ),
    ).toEqual({ replicas: 2, enabled: true, env: [{ name: "A", value: "1" }], res: { requests: { cpu: "100m" } } });
  });

  it("are strings in quotes, and stringified when part of a longer string", () => {
    expect(
      data(
        'a: "${{ params.replicas }}"\nb: ${{ app.name }}-canary\nc: "${{ params.replicas }}x${{ params.enabled }}"\nd: ${{ params.replicas }}',
      ),
    ).toEqual({
      a: "2",
      b: "web-canary",
      c: "2xfalse",
      d: 2,
    });
  });

  it("refuse a list or map in quotes, which cannot be a string", () => {
    const result = render('env: "${{ params.env }}"');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.message).toMatch(/params\.env.* cannot be part of a string/);
  });

  it("never let a value add YAML structure or placeholders", () => {
    for (const note of [
      "a\nkind: Secret",
      "{x: 1}",
      "[1]",
      "*a",
      "&a",
      "!!binary aGk=",
      "--- x",
      "${{ app.team }}",
      "null",
      "1e3",
    ]) {
      expect(data("whole: ${{ params.note }}\nembedded: <${{ params.note }}>", { note })).toEqual({
        whole: note,
        embedded: `<${note}>`,
      });
    }
  });

  it("leave out a key whose whole value is absent", () => {
    expect(data("note: ${{ params.note }}\nprobe: ${{ params.probe }}\nkept: 1")).toEqual({ kept: 1 });
  });

  it("see a probe as a Kubernetes probe", () => {
    expect(
      data("probe: ${{ params.probe }}", { probe: { type: "http", path: "/ready", port: 8080, periodSeconds: 3 } }),
    ).toEqual({ probe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 3 } });
    expect(data("probe: ${{ params.probe }}", { probe: { type: "tcp", port: 53 } })).toEqual({
      probe: { tcpSocket: { port: 53 } },
    });
    expect(data("probe: ${{ params.probe }}", { probe: { type: "exec", command: ["a", "b"] } })).toEqual({
      probe: { exec: { command: ["a", "b"] } },
    });
  });

  it("keep quoted $ keys, which are not directives", () => {
    expect(data('"$ref": "#/definitions/a"')).toEqual({ $ref: "#/definitions/a" });
  });

  it("work in keys", () => {
    expect(data("${{ app.name }}.conf: x\n${{ env.name }}: ${{ env.namespace }}")).toEqual({
      "web.conf": "x",
      dev: "shop-dev",
    });
  });

  it("give every use its own copy of a value", () => {
    const [deployment] = objects(`apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: \${{ selectorLabels }}
spec:
  containers: [{ name: a, image: "x:1" }]
  nodeSelector: \${{ selectorLabels }}
`);
    expect(deployment?.spec).toMatchObject({
      nodeSelector: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "web-dev" },
    });
    expect(Object.keys((deployment?.spec as { nodeSelector: object }).nodeSelector)).toHaveLength(2);
  });
});

describe("$if", () => {
  it("removes a whole document", () => {
    const body =
      "$if: params.enabled\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n";
    expect(objects(body).map((o) => (o.metadata as { name: string }).name)).toEqual(["b"]);
    expect(objects(body, { enabled: true }).map((o) => (o.metadata as { name: string }).name)).toEqual(["a", "b"]);
  });

  it("removes a sequence item or a mapping value with its key, and disappears itself", () => {
    const yaml =
      "list:\n  - $if: params.enabled\n    a: 1\n  - $if: '!params.enabled'\n    b: 2\nmap:\n  $if: params.note\n  c: 3\nafter: 4";
    expect(data(yaml)).toEqual({ list: [{ b: 2 }], after: 4 });
    expect(data(yaml, { enabled: true, note: "x" })).toEqual({ list: [{ a: 1 }], map: { c: 3 }, after: 4 });
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ["params.enabled", { enabled: false }, false],
    ["params.note", { note: "" }, false],
    ["params.note", {}, false],
    ["params.replicas", { replicas: 0 }, false],
    ["params.env", { env: [] }, false],
    ["params.files", { files: {} }, false],
    ["params.replicas", { replicas: 1 }, true],
    ["params.note", { note: "0" }, true],
    ["params.env", { env: [{ name: "A", value: "" }] }, true],
    ["params.files", { files: { a: "" } }, true],
    ["!params.files", { files: {} }, true],
  ])("%s with %j is %s", (expr, values, kept) => {
    expect(data(`x:\n  $if: "${expr}"\n  y: 1`, values)).toEqual(kept ? { x: { y: 1 } } : {});
  });

  it.each<[Record<string, unknown>, boolean]>([
    [{ enabled: true, note: "x", replicas: 0 }, true],
    [{ enabled: true, replicas: 0 }, false],
    [{ note: "x", replicas: 0 }, false],
    [{ enabled: true, note: "x", replicas: 0, files: { a: "" } }, false],
    [{ enabled: true, note: "x" }, false],
  ])("keeps a mapping under a list of conditions only when all hold: %j is %s", (values, kept) => {
    expect(
      data(`x:\n  $if: [params.enabled, params.note, "!params.files", "!params.replicas"]\n  y: 1`, values),
    ).toEqual(kept ? { x: { y: 1 } } : {});
  });
});

describe("$each", () => {
  it("copies an item per list element, with $if evaluated per copy", () => {
    const yaml = `env:
  - $each: params.env
    $as: item
    $if: item.value
    name: \${{ item.name }}
    value: "\${{ item.value }}!"
  - name: LAST
    value: x`;
    expect(
      data(yaml, {
        env: [
          { name: "A", value: "1" },
          { name: "B", value: "" },
          { name: "C", value: "3" },
        ],
      }),
    ).toEqual({
      env: [
        { name: "A", value: "1!" },
        { name: "C", value: "3!" },
        { name: "LAST", value: "x" },
      ],
    });
  });

  it("copies an item per record entry as { key, value }, with nested $if and $each", () => {
    const yaml = `files:
  - $each: params.files
    $as: file
    path: \${{ file.key }}
    content: \${{ file.value }}
    meta:
      $if: file.value
      env:
        - $each: params.env
          $as: variable
          tag: \${{ file.key }}/\${{ variable.name }}`;
    expect(data(yaml, { files: { "a.conf": "x", "b.conf": "" }, env: [{ name: "E", value: "" }] })).toEqual({
      files: [
        { path: "a.conf", content: "x", meta: { env: [{ tag: "a.conf/E" }] } },
        { path: "b.conf", content: "" },
      ],
    });
  });

  it("makes no copies of an empty or absent list", () => {
    expect(data("list:\n  - $each: params.env\n    $as: e\n    n: ${{ e.name }}")).toEqual({ list: [] });
  });
});

describe("output", () => {
  it("merges the standard labels over authored ones and fills in the namespace of namespaced kinds", () => {
    const [configMap, namespace, pinned] = objects(`apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  labels:
    team: shop
    app.kubernetes.io/managed-by: helm
---
apiVersion: v1
kind: Namespace
metadata:
  name: extra
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
  namespace: elsewhere
`);
    expect(configMap?.metadata).toEqual({
      name: "a",
      namespace: "shop-dev",
      labels: {
        team: "shop",
        "app.kubernetes.io/managed-by": "slipway",
        "app.kubernetes.io/name": "web",
        "app.kubernetes.io/instance": "web-dev",
      },
    });
    expect(namespace?.metadata).not.toHaveProperty("namespace");
    expect(pinned?.metadata).toMatchObject({ namespace: "elsewhere" });
  });

  it("expands aliases and returns YAML that reads back the same", () => {
    const result = render(`apiVersion: v1
kind: ConfigMap
metadata:
  name: a
data:
  first: &shared "\${{ app.name }}"
  second: *shared
`);
    expect(result).toMatchObject({ ok: true, objects: [{ data: { first: "web", second: "web" } }] });
    if (result.ok) expect(result.yaml).toContain("  first: web\n  second: web\n");
  });

  it("skips empty documents", () => {
    expect(objects("---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n")).toHaveLength(1);
  });

  it("renders the same objects again from the cache", () => {
    const body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  n: ${{ params.replicas }}\n";
    expect(objects(body, { replicas: 3 })).toEqual(objects(body, { replicas: 3 }));
    expect(objects(body, { replicas: 4 })[0]?.data).toEqual({ n: 4 });
  });
});

describe("validateTemplate", () => {
  const validate = (body: string) => validateTemplate({ schema: { parameters: PARAMETERS }, body });

  it("accepts a template without values", () => {
    expect(validate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${{ params.note }}\n")).toEqual({ ok: true });
  });

  it.each([
    [
      "data: ${{ params.missing }}",
      "unknown_placeholder",
      'unknown placeholder ${{ params.missing }}: params has no field "missing"',
    ],
    [
      "data: ${{ params.probe.httpGet.host }}",
      "unknown_placeholder",
      'params.probe.httpGet has no field "host" (known: path, port)',
    ],
    ["data: ${{ secrets.x }}", "unknown_placeholder", 'unknown root "secrets"'],
    ["data: ${{ params.env.name }}", "unknown_placeholder", 'params.env has no field "name"'],
    [
      "data: ${{ params }}x",
      "unknown_placeholder",
      "placeholder ${{ params }} is a map and cannot be part of a string",
    ],
    [
      "data: x${{ params.env }}",
      "unknown_placeholder",
      "placeholder ${{ params.env }} is a list and cannot be part of a string",
    ],
    ["data: ${{ 1 + 1 }}", "unknown_placeholder", "placeholder ${{ 1 + 1 }} is not a path like params.name"],
    ["data: ${{ params.note", "unknown_placeholder", 'placeholder "${{ params.note" is not closed with }}'],
    ["data:\n  $if: ${{ params.note }}", "yaml", "$if takes a path, !path or a list of them, without ${{ }}"],
    ["data:\n  $if: []", "yaml", "$if takes a path, !path or a list of them"],
    ["data:\n  $if: [params.note, params.nope]", "unknown_placeholder", 'params has no field "nope"'],
    ["data:\n  $if: params.nope", "unknown_placeholder", 'params has no field "nope"'],
    ["data:\n  $each: params.env\n  $as: e", "yaml", "$each is only allowed on an item of a sequence"],
    ["data:\n  - $each: params.env", "yaml", "$each needs both $each: <path> and $as: <name>"],
    [
      "data:\n  - $each: params.replicas\n    $as: e",
      "unknown_placeholder",
      "$each: params.replicas is not a list or a map",
    ],
    ["data:\n  - $each: params.env\n    $as: params", "yaml", "$as: params must be a new name"],
    [
      "data:\n  - $each: params.env\n    $as: e\n    x: ${{ e.nme }}",
      "unknown_placeholder",
      'e has no field "nme" (known: name, value)',
    ],
    ["data:\n  $iff: params.note", "yaml", "unknown directive $iff (known: $if, $each, $as)"],
    ["data:\n  <<: {a: 1}", "yaml", "key << is not supported"],
    ["data:\n  __proto__: {a: 1}", "yaml", "key __proto__ is not supported"],
    ["data: *nothing", "yaml", "alias *nothing has no anchor"],
    ["data: .inf", "yaml", "unsupported value Infinity"],
    ["data: !!binary aGk=", "yaml", "Unresolved tag: tag:yaml.org,2002:binary"],
  ])("reports %j", (yaml, code, message) => {
    const result = validate(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n${yaml}\n`);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code, document: 1, message: expect.stringContaining(message) }],
    });
  });

  it("bounds alias expansion", () => {
    const levels = Array.from({ length: 20 }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}]`).join("\n");
    const result = validate(`l0: &l0 [x]\n${levels}\n`);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: "yaml", message: "the template expands to more than 50000 nodes" }],
    });
    if (!result.ok) expect(result.errors).toHaveLength(1);
  });
});
