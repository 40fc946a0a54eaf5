import type { ParameterSchema, ParameterType } from "./parameter-schema";
import type { PathExpr } from "./placeholders";

/** What a placeholder path can reach, so templates are checked without values. */
export type Shape =
  | { kind: "scalar" }
  | { kind: "object"; fields: ReadonlyMap<string, Shape> }
  | { kind: "list"; item: Shape }
  | { kind: "record"; value: Shape };

const scalar: Shape = { kind: "scalar" };
const object = (fields: Record<string, Shape>): Shape => ({ kind: "object", fields: new Map(Object.entries(fields)) });
const list = (item: Shape): Shape => ({ kind: "list", item });
const record = (value: Shape): Shape => ({ kind: "record", value });

const cpuAndMemory = object({ cpu: scalar, memory: scalar });

// Shapes of the render context's view of each type (see render-context.ts): a probe is seen
// as a ready Kubernetes probe, everything else as its value.
const PARAMETER_SHAPES: Readonly<Record<ParameterType, Shape>> = {
  string: scalar,
  integer: scalar,
  boolean: scalar,
  enum: scalar,
  image: scalar,
  port: scalar,
  keyValueList: list(object({ name: scalar, value: scalar })),
  resources: object({ requests: cpuAndMemory, limits: cpuAndMemory }),
  probe: object({
    httpGet: object({ path: scalar, port: scalar }),
    tcpSocket: object({ port: scalar }),
    exec: object({ command: list(scalar) }),
    initialDelaySeconds: scalar,
    periodSeconds: scalar,
    failureThreshold: scalar,
  }),
  ingress: object({ host: scalar, path: scalar, tlsSecret: scalar }),
  autoscaling: object({ enabled: scalar, min: scalar, max: scalar, targetCpu: scalar }),
  rollingUpdate: object({ maxSurge: scalar, maxUnavailable: scalar }),
  configFiles: record(scalar),
  secretValues: record(scalar),
};

export const CONTEXT_ROOTS = ["params", "app", "env", "labels", "selectorLabels"] as const;

export function contextShape(schema: ParameterSchema): ReadonlyMap<string, Shape> {
  const params = Object.fromEntries(schema.parameters.map((def) => [def.name, PARAMETER_SHAPES[def.type]]));
  return new Map<string, Shape>([
    ["params", object(params)],
    ["app", object({ name: scalar, team: scalar })],
    [
      "env",
      object({
        name: scalar,
        namespace: scalar,
        routing: object({
          mode: scalar,
          ingress: scalar,
          gateway: object({ name: scalar, namespace: scalar, sectionName: scalar }),
        }),
      }),
    ],
    ["labels", record(scalar)],
    ["selectorLabels", record(scalar)],
  ]);
}

/** The shape of one `$each` copy: a list's item, or a record's `{ key, value }` entry. */
export function itemShape(shape: Shape): Shape | null {
  if (shape.kind === "list") return shape.item;
  if (shape.kind === "record") return object({ key: scalar, value: shape.value });
  return null;
}

export function resolveShape(scope: ReadonlyMap<string, Shape>, path: PathExpr): Shape | string {
  let shape = scope.get(path.root);
  if (!shape) return `unknown root "${path.root}" (known: ${[...scope.keys()].join(", ")})`;
  let reached = path.root;
  for (const segment of path.segments) {
    const next: Shape | undefined =
      shape.kind === "object" ? shape.fields.get(segment) : shape.kind === "record" ? shape.value : undefined;
    if (!next) {
      const known = shape.kind === "object" ? ` (known: ${[...shape.fields.keys()].join(", ")})` : "";
      return `${reached} has no field "${segment}"${known}`;
    }
    shape = next;
    reached = `${reached}.${segment}`;
  }
  return shape;
}
