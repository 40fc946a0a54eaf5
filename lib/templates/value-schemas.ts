import { z } from "zod";
import { IMAGE_HINT, isImageReference } from "./image-reference";
import { isConfigMapKey, isDns1123Subdomain, isEnvVarName, isPortNumber } from "./k8s-names";
import type { ParameterDef } from "./parameter-def";
import { parseQuantity, QUANTITY_HINT } from "./parse-quantity";
import { isPlainRecord } from "./plain-values";
import { showValue } from "./show-value";

// Messages are written to follow `parameter "x": ` (and `default ` for a schema's defaults).

const DEFAULT_STRING_MAX = 4096;
// What etcd takes for one ConfigMap or Secret; env lists share the pod spec's budget.
const MAX_TOTAL_BYTES = 1024 * 1024;

type Issue = { input?: unknown; code?: string };
// Only for a wrong type: other issues (an unknown key) keep zod's own, more precise message.
const expected = (what: string) => ({
  error: (issue: Issue) =>
    issue.code !== "invalid_type" && issue.code !== "invalid_union"
      ? undefined
      : issue.input === undefined
        ? "is required"
        : `must be ${what}`,
});

// For rules zod has no primitive for: `check` returns the problem, or null.
function custom(check: (value: unknown) => string | null) {
  return z.unknown().superRefine((value, ctx) => {
    const problem = value === undefined ? "is required" : check(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

function integer(min?: number, max?: number) {
  let schema = z.int(expected("an integer"));
  if (min !== undefined) schema = schema.min(min, { error: (i) => `${showValue(i.input)} is below min ${min}` });
  if (max !== undefined) schema = schema.max(max, { error: (i) => `${showValue(i.input)} is above max ${max}` });
  return schema;
}

function text(min = 0, max = DEFAULT_STRING_MAX) {
  const length = (i: Issue) => (typeof i.input === "string" ? i.input.length : 0);
  return z
    .string(expected("a string"))
    .min(min, { error: (i) => `must be at least ${min} characters (got ${length(i)})` })
    .max(max, { error: (i) => `must be at most ${max} characters (got ${length(i)})` });
}

const port = z
  .int(expected("a port number"))
  .refine(isPortNumber, { error: (i) => `${showValue(i.input)} is not a port (1-65535)` });

const nonNegative = integer(0);

const envVarName = z.string(expected("a string")).refine(isEnvVarName, {
  error: (i) => `${showValue(i.input)} is not a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)`,
});

const keyValueList = z
  .array(
    z.strictObject({ name: envVarName, value: z.string(expected("a string")) }),
    expected("a list of { name, value }"),
  )
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach(({ name }, index) => {
      if (seen.has(name))
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `${showValue(name)} is listed twice` });
      seen.add(name);
    });
    const bytes = list.reduce((sum, { name, value }) => sum + name.length + value.length, 0);
    if (bytes > MAX_TOTAL_BYTES)
      ctx.addIssue({ code: "custom", message: `must total at most 1 MiB (got ${bytes} characters)` });
  });

const quantity = z.string(expected("a quantity string")).refine((q) => (parseQuantity(q) ?? -1) >= 0, {
  error: (i) => `${showValue(i.input)} is not a valid quantity (${QUANTITY_HINT})`,
});
const cpuAndMemory = z.strictObject(
  { cpu: quantity.optional(), memory: quantity.optional() },
  expected("{ cpu?, memory? }"),
);
const resources = z
  .strictObject(
    { requests: cpuAndMemory.optional(), limits: cpuAndMemory.optional() },
    expected("{ requests?, limits? }"),
  )
  .superRefine(({ requests, limits }, ctx) => {
    for (const resource of ["cpu", "memory"] as const) {
      const request = requests?.[resource];
      const limit = limits?.[resource];
      if (request === undefined || limit === undefined) continue;
      if ((parseQuantity(limit) ?? 0) < (parseQuantity(request) ?? 0))
        ctx.addIssue({
          code: "custom",
          path: ["limits", resource],
          message: `limit ${limit} is below the request ${request}`,
        });
    }
  });

const probeTiming = {
  initialDelaySeconds: nonNegative.optional(),
  periodSeconds: nonNegative.optional(),
  failureThreshold: nonNegative.optional(),
};
const probe = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("http"),
      path: z.string(expected("a string")).startsWith("/", 'must start with "/"'),
      port,
      ...probeTiming,
    }),
    z.strictObject({ type: z.literal("tcp"), port, ...probeTiming }),
    z.strictObject({
      type: z.literal("exec"),
      command: z.array(z.string(expected("a string")), expected("a list of strings")).min(1, "must not be empty"),
      ...probeTiming,
    }),
  ],
  expected('a probe ({ type: "http", path, port } | { type: "tcp", port } | { type: "exec", command })'),
);

const isHostname = (host: string) => isDns1123Subdomain(host.startsWith("*.") ? host.slice(2) : host);
const ingress = z.strictObject(
  {
    host: z
      .string(expected("a string"))
      .refine((h) => h === "" || isHostname(h), { error: (i) => `${showValue(i.input)} is not a DNS name` })
      .optional(),
    // An Ingress rule needs a path, and "/" is what "no path" means to a user.
    path: z.string(expected("a string")).startsWith("/", 'must start with "/"').default("/"),
    tlsSecret: z
      .string(expected("a string"))
      .refine(isDns1123Subdomain, { error: (i) => `${showValue(i.input)} is not a valid Secret name (DNS-1123)` })
      .optional(),
  },
  expected("{ host?, path?, tlsSecret? }"),
);

const autoscaling = z
  .strictObject(
    { enabled: z.boolean(expected("true or false")), min: integer(1), max: integer(1), targetCpu: integer(1, 100) },
    expected("{ enabled, min, max, targetCpu }"),
  )
  .superRefine(({ min, max }, ctx) => {
    if (max < min) ctx.addIssue({ code: "custom", path: ["max"], message: `${max} is below min ${min}` });
  });

const PERCENT = /^\d{1,3}%$/;
const isZero = (value: unknown) => value === 0 || (typeof value === "string" && Number.parseInt(value, 10) === 0);
const intOrPercent = custom((value) =>
  (Number.isSafeInteger(value) && (value as number) >= 0) || (typeof value === "string" && PERCENT.test(value))
    ? null
    : `${showValue(value)} must be a non-negative integer or a percentage like "25%"`,
);
const rollingUpdate = z
  .strictObject({ maxSurge: intOrPercent, maxUnavailable: intOrPercent }, expected("{ maxSurge, maxUnavailable }"))
  .superRefine(({ maxSurge, maxUnavailable }, ctx) => {
    if (isZero(maxSurge) && isZero(maxUnavailable))
      ctx.addIssue({ code: "custom", message: "maxSurge and maxUnavailable must not both be zero" });
  });

// Checked by hand: z.record would silently drop a "__proto__" key instead of rejecting it.
const fileMap = (what: string) =>
  custom((value) => {
    if (!isPlainRecord(value)) return `must be a map of ${what}`;
    let bytes = 0;
    for (const [key, content] of Object.entries(value)) {
      if (!isConfigMapKey(key) || key === "__proto__")
        return `${showValue(key)} is not a valid key (letters, digits, "-", "_", "."; not "." or "..")`;
      if (typeof content !== "string") return `${showValue(key)} must be a string`;
      bytes += key.length + content.length;
    }
    return bytes > MAX_TOTAL_BYTES ? `must total at most 1 MiB (got ${bytes} characters)` : null;
  }).transform((value) => ({ ...(value as Record<string, string>) }));

export function valueSchemaFor(def: Pick<ParameterDef, "type" | "options" | "min" | "max">): z.ZodType {
  switch (def.type) {
    case "string":
      return text(def.min, def.max);
    case "integer":
      return integer(def.min, def.max);
    case "boolean":
      return z.boolean(expected("true or false"));
    case "enum": {
      const options = def.options ?? [];
      return z.enum(options, {
        error: (i) =>
          i.input === undefined ? "is required" : `${showValue(i.input)} is not one of ${options.join(", ")}`,
      });
    }
    case "image":
      return z
        .string(expected("a string"))
        .refine(isImageReference, { error: (i) => `${showValue(i.input)} is not an image reference (${IMAGE_HINT})` });
    case "port":
      return port;
    case "keyValueList":
      return keyValueList;
    case "resources":
      return resources;
    case "probe":
      return probe;
    case "ingress":
      return ingress;
    case "autoscaling":
      return autoscaling;
    case "rollingUpdate":
      return rollingUpdate;
    case "configFiles":
      return fileMap("file name to content");
    case "secretValues":
      return fileMap("key to value");
  }
}
