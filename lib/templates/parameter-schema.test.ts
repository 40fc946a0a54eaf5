import { describe, expect, it } from "vitest";
import { checkParameterSchema, checkValues } from "./check-parameters";
import type { ParameterDef } from "./parameter-def";
import { defaultsOf, type ParameterSchema, secretParameterNames, valuesSchema } from "./parameter-schema";

const messagesForSchema = (parameters: unknown[]) => {
  const result = checkParameterSchema({ parameters });
  return result.ok ? [] : result.errors.map((e) => e.message);
};

const one = (def: Partial<ParameterDef> & Pick<ParameterDef, "type">): ParameterSchema => ({
  parameters: [{ name: "p", ...def }],
});

function check(def: Partial<ParameterDef> & Pick<ParameterDef, "type">, value: unknown) {
  return checkValues(valuesSchema(one(def)), { p: value });
}

const messagesFor = (def: Partial<ParameterDef> & Pick<ParameterDef, "type">, value: unknown) => {
  const result = check(def, value);
  return result.ok ? [] : result.errors.map((e) => e.message);
};

describe("ZParameterSchemaSchema", () => {
  it("names the parameter whose default fails its own type", () => {
    expect(messagesForSchema([{ name: "replicas", type: "integer", default: 0, min: 1 }])).toEqual([
      'parameter "replicas": default 0 is below min 1',
    ]);
    expect(messagesForSchema([{ name: "size", type: "resources", default: { limits: { cpu: "1.5.5" } } }])).toEqual([
      'parameter "size": default limits.cpu: "1.5.5" is not a valid quantity (e.g. 250m, 1.5, 128Mi, 2Gi)',
    ]);
  });

  it("rejects definitions that contradict themselves", () => {
    expect(
      messagesForSchema([
        { name: "a", type: "string" },
        { name: "a", type: "integer" },
        { name: "mode", type: "enum" },
        { name: "flag", type: "boolean", options: ["x"] },
        { name: "n", type: "integer", min: 5, max: 1 },
        { name: "port", type: "port", max: 9 },
        { name: "level", type: "enum", options: ["a", "a"] },
      ]),
    ).toEqual([
      'parameter "a": is defined twice',
      'parameter "mode": an enum needs options',
      'parameter "flag": options are only allowed on enum parameters',
      'parameter "n": min 5 is above max 1',
      'parameter "port": min and max are only allowed on integer and string parameters',
      'parameter "level": an option is listed twice',
    ]);
  });

  it("reports malformed definitions with the parameter and field", () => {
    const result = checkParameterSchema({
      parameters: [
        { name: "1st", type: "string" },
        { name: "x", type: "float" },
        { name: "y", type: "string", defualt: "a" },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'parameter "1st": name must start with a letter and contain only letters and digits',
        parameter: "1st",
        path: "name",
      }),
      expect.objectContaining({
        message: expect.stringContaining('parameter "x": type must be one of string'),
        parameter: "x",
      }),
      expect.objectContaining({ message: 'parameter "y": Unrecognized key: "defualt"', parameter: "y" }),
    ]);
    expect(checkParameterSchema({ parameters: "no" })).toMatchObject({
      ok: false,
      errors: [{ message: "parameters: parameters must be a list" }],
    });
  });
});

describe("valuesSchema", () => {
  it("applies defaults for missing, null and cleared text values, and drops unknown keys", () => {
    const schema: ParameterSchema = {
      parameters: [
        { name: "replicas", type: "integer", default: 2 },
        { name: "mode", type: "enum", options: ["a", "b"], default: "a" },
        { name: "note", type: "string" },
        { name: "files", type: "configFiles", default: {} },
      ],
    };
    expect(checkValues(valuesSchema(schema), { replicas: null, mode: "", note: "", extra: 1 })).toEqual({
      ok: true,
      value: { replicas: 2, mode: "a", note: undefined, files: {} },
    });
  });

  it("copies defaults so one render cannot change the next", () => {
    const schema: ParameterSchema = { parameters: [{ name: "env", type: "keyValueList", default: [] }] };
    const first = checkValues(valuesSchema(schema), {});
    if (first.ok) (first.value.env as unknown[]).push({ name: "X", value: "1" });
    expect(checkValues(valuesSchema(schema), {})).toEqual({ ok: true, value: { env: [] } });
  });

  it("requires required parameters", () => {
    expect(messagesFor({ type: "image", required: true }, undefined)).toEqual(['parameter "p": is required']);
    expect(messagesFor({ type: "string", required: true }, "")).toEqual(['parameter "p": is required']);
  });

  it.each<[string, Partial<ParameterDef> & Pick<ParameterDef, "type">, unknown[]]>([
    ["string", { type: "string" }, ["", "x".repeat(4096), "a\nkind: Secret"]],
    ["integer", { type: "integer", min: -1, max: 3 }, [-1, 3]],
    ["boolean", { type: "boolean" }, [true, false]],
    ["enum", { type: "enum", options: ["Forbid", "Allow"] }, ["Allow"]],
    ["image", { type: "image" }, ["harbor.example.com/shop/app:1.0"]],
    ["port", { type: "port" }, [1, 65535]],
    ["keyValueList", { type: "keyValueList" }, [[], [{ name: "_A.b-1", value: "" }]]],
    ["resources", { type: "resources" }, [{}, { requests: { cpu: "100m" }, limits: { cpu: "1", memory: "1Gi" } }]],
    [
      "probe",
      { type: "probe" },
      [
        { type: "http", path: "/healthz", port: 8080, periodSeconds: 0 },
        { type: "tcp", port: 5432, failureThreshold: 3 },
        { type: "exec", command: ["true"], initialDelaySeconds: 5 },
      ],
    ],
    [
      "ingress",
      { type: "ingress" },
      [{}, { host: "" }, { host: "*.example.com", path: "/a", tlsSecret: "tls.secret" }],
    ],
    ["autoscaling", { type: "autoscaling" }, [{ enabled: false, min: 1, max: 1, targetCpu: 100 }]],
    [
      "rollingUpdate",
      { type: "rollingUpdate" },
      [
        { maxSurge: "25%", maxUnavailable: 0 },
        { maxSurge: 0, maxUnavailable: 1 },
      ],
    ],
    ["configFiles", { type: "configFiles" }, [{}, { "app.yaml": "a: 1\n", ".env": "", "a..b": "" }]],
    ["secretValues", { type: "secretValues" }, [{ DATABASE_URL: "postgres://u:p@h/db" }]],
  ])("accepts good %s values", (_type, def, values) => {
    for (const value of values) expect(check(def, value)).toMatchObject({ ok: true });
  });

  it("fills in an ingress path of /", () => {
    expect(check({ type: "ingress" }, { host: "a.example.com" })).toEqual({
      ok: true,
      value: { p: { host: "a.example.com", path: "/" } },
    });
  });

  it.each<[Partial<ParameterDef> & Pick<ParameterDef, "type">, unknown, string]>([
    [{ type: "string" }, 5, 'parameter "p": must be a string'],
    [{ type: "string" }, "x".repeat(4097), 'parameter "p": must be at most 4096 characters (got 4097)'],
    [{ type: "string", max: 3 }, "abcd", 'parameter "p": must be at most 3 characters (got 4)'],
    [{ type: "integer", max: 50 }, 51, 'parameter "p": 51 is above max 50'],
    [{ type: "integer" }, 1.5, 'parameter "p": must be an integer'],
    [{ type: "integer" }, "3", 'parameter "p": must be an integer'],
    [{ type: "boolean" }, "true", 'parameter "p": must be true or false'],
    [{ type: "enum", options: ["Forbid", "Allow"] }, "forbid", 'parameter "p": "forbid" is not one of Forbid, Allow'],
    [
      { type: "image" },
      "harbor.example.com/shop/app",
      'parameter "p": "harbor.example.com/shop/app" is not an image reference (registry/path:tag or registry/path@sha256:<64 hex>)',
    ],
    [{ type: "port" }, 70000, 'parameter "p": 70000 is not a port (1-65535)'],
    [{ type: "port" }, 0, 'parameter "p": 0 is not a port (1-65535)'],
    [
      { type: "keyValueList" },
      [{ name: "1BAD", value: "x" }],
      'parameter "p" [0].name: "1BAD" is not a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)',
    ],
    [
      { type: "keyValueList" },
      [{ name: "has space", value: "x" }],
      'parameter "p" [0].name: "has space" is not a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)',
    ],
    [
      { type: "keyValueList" },
      [
        { name: "A", value: "1" },
        { name: "A", value: "2" },
      ],
      'parameter "p" [1].name: "A" is listed twice',
    ],
    [{ type: "keyValueList" }, [{ name: "A" }], 'parameter "p" [0].value: is required'],
    [
      { type: "resources" },
      { limits: { memory: "1.5.5Gi" } },
      'parameter "p" limits.memory: "1.5.5Gi" is not a valid quantity (e.g. 250m, 1.5, 128Mi, 2Gi)',
    ],
    [
      { type: "resources" },
      { requests: { cpu: "-1" } },
      'parameter "p" requests.cpu: "-1" is not a valid quantity (e.g. 250m, 1.5, 128Mi, 2Gi)',
    ],
    [
      { type: "resources" },
      { requests: { memory: "1Gi" }, limits: { memory: "512Mi" } },
      'parameter "p" limits.memory: limit 512Mi is below the request 1Gi',
    ],
    [{ type: "resources" }, { request: {} }, 'parameter "p": Unrecognized key: "request"'],
    [{ type: "probe" }, { type: "http", path: "healthz", port: 80 }, 'parameter "p" path: must start with "/"'],
    [{ type: "probe" }, { type: "grpc", port: 80 }, expect.stringContaining('parameter "p" type: must be a probe')],
    [{ type: "probe" }, { type: "exec", command: [] }, 'parameter "p" command: must not be empty'],
    [{ type: "probe" }, { type: "tcp", port: 80, periodSeconds: -1 }, 'parameter "p" periodSeconds: -1 is below min 0'],
    [{ type: "ingress" }, { host: "Bad_Host" }, 'parameter "p" host: "Bad_Host" is not a DNS name'],
    [{ type: "ingress" }, { host: "a.example.com", path: "x" }, 'parameter "p" path: must start with "/"'],
    [{ type: "ingress" }, { tlsSecret: "TLS" }, 'parameter "p" tlsSecret: "TLS" is not a valid Secret name (DNS-1123)'],
    [{ type: "autoscaling" }, { enabled: true, min: 3, max: 2, targetCpu: 50 }, 'parameter "p" max: 2 is below min 3'],
    [{ type: "autoscaling" }, { enabled: true, min: 0, max: 2, targetCpu: 50 }, 'parameter "p" min: 0 is below min 1'],
    [
      { type: "autoscaling" },
      { enabled: true, min: 1, max: 2, targetCpu: 101 },
      'parameter "p" targetCpu: 101 is above max 100',
    ],
    [
      { type: "rollingUpdate" },
      { maxSurge: "0%", maxUnavailable: 0 },
      'parameter "p": maxSurge and maxUnavailable must not both be zero',
    ],
    [
      { type: "rollingUpdate" },
      { maxSurge: "25", maxUnavailable: 1 },
      'parameter "p" maxSurge: "25" must be a non-negative integer or a percentage like "25%"',
    ],
    [
      { type: "configFiles" },
      { "a/b": "x" },
      'parameter "p": "a/b" is not a valid key (letters, digits, "-", "_", "."; not "." or "..")',
    ],
    [
      { type: "configFiles" },
      { "..data": "x" },
      'parameter "p": "..data" is not a valid key (letters, digits, "-", "_", "."; not "." or "..")',
    ],
    [
      { type: "configFiles" },
      JSON.parse('{"__proto__": "x"}'),
      'parameter "p": "__proto__" is not a valid key (letters, digits, "-", "_", "."; not "." or "..")',
    ],
    [{ type: "secretValues" }, { KEY: 1 }, 'parameter "p": "KEY" must be a string'],
    [{ type: "secretValues" }, ["a"], 'parameter "p": must be a map of key to value'],
  ])("rejects %j = %j", (def, value, message) => {
    expect(messagesFor(def, value)).toEqual([message]);
  });

  it("sets parameter and path on value errors", () => {
    const result = check({ type: "keyValueList" }, [
      { name: "ok", value: "" },
      { name: "1BAD", value: "" },
    ]);
    expect(result).toMatchObject({ ok: false, errors: [{ code: "invalid_values", parameter: "p", path: "[1].name" }] });
  });
});

describe("defaultsOf and secretParameterNames", () => {
  const schema: ParameterSchema = {
    parameters: [
      { name: "replicas", type: "integer", default: 2 },
      { name: "image", type: "image", required: true },
      { name: "secrets", type: "secretValues", default: {} },
      { name: "more", type: "secretValues" },
    ],
  };

  it("lists defaults", () => {
    expect(defaultsOf(schema)).toEqual({ replicas: 2, secrets: {} });
  });

  it("lists the parameters to mask", () => {
    expect(secretParameterNames(schema)).toEqual(["secrets", "more"]);
  });
});
