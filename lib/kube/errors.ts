// Kubernetes failures turned into messages a developer understands, naming the environment,
// the field (for 422 Invalid) and the reason. The only place that knows client-node's error
// shapes.
export type KubeErrorKind =
  "invalid" | "conflict" | "forbidden" | "unauthorized" | "not_found" | "unreachable" | "timeout" | "tls" | "unknown";

export class KubeError extends Error {
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly details: {
      field?: string;
      status?: number;
      reason?: string;
      // Server-side apply: fields another manager owns ("kubectl-edit" owns .spec.replicas).
      conflicts?: { manager: string; field: string }[];
    } = {},
  ) {
    super(message);
    this.name = "KubeError";
  }
}

type StatusBody = {
  kind?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
};

function fieldConflicts(body: StatusBody | null) {
  return (body?.details?.causes ?? [])
    .filter((cause) => cause.reason === "FieldManagerConflict")
    .map((cause) => ({
      manager: /conflict with "([^"]+)"/.exec(cause.message ?? "")?.[1] ?? "another manager",
      field: cause.field ?? "?",
    }));
}

// Only a Kubernetes Status is read: anything else a server answers (a proxy's or a metadata
// service's HTML page, a login form) stays out of messages, which reach people and logs.
function statusBody(body: unknown): StatusBody | null {
  let parsed: unknown = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (!parsed || typeof parsed !== "object" || (parsed as StatusBody).kind !== "Status") return null;
  const status = parsed as StatusBody;
  return { ...status, message: typeof status.message === "string" ? bounded(status.message) : undefined };
}

const MAX_MESSAGE = 500;

// One line of printable text, at most MAX_MESSAGE characters.
export function bounded(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}

// Network and TLS failures hide their code in a chain of `cause`s (fetch -> undici -> socket).
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

// A request that met a connection the apiserver had just closed (it restarted, or dropped
// an idle keep-alive connection at the moment it was reused) fails with one of these before
// any answer. Sent again, it goes out on a new connection.
const DROPPED_CONNECTION = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);

// Runs a cluster call, and once more if its connection was dropped under it. Every call
// Slipway makes is safe to repeat: reads, server-side applies, patches that set values, and
// access reviews; it creates nothing with POST (the JSON patch that removes foreign env
// entries tests each entry first, so a repeat of one that went through fails, changing nothing).
export async function retryDropped<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const code = causeCode(error);
    if (!code || !DROPPED_CONNECTION.has(code)) throw error;
    return request();
  }
}

const TLS_CODES: Record<string, string> = {
  CERT_HAS_EXPIRED: "the cluster's certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the cluster's certificate is self-signed and not trusted by the kubeconfig's CA",
  SELF_SIGNED_CERT_IN_CHAIN: "the cluster's certificate is not signed by the kubeconfig's CA",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the cluster's certificate is not signed by the kubeconfig's CA",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the cluster's certificate is not signed by the kubeconfig's CA",
  ERR_TLS_CERT_ALTNAME_INVALID: "the cluster's certificate is not valid for this server address",
  CERT_NOT_YET_VALID: "the cluster's certificate is not valid yet",
};

export function toKubeError(error: unknown, environment: string): KubeError {
  if (error instanceof KubeError) return error;
  const status = (error as { code?: unknown }).code;
  if (typeof status === "number") {
    const body = statusBody((error as { body?: unknown }).body);
    const message = body?.message ?? `HTTP ${status}`;
    const cause = body?.details?.causes?.[0];
    switch (status) {
      case 401:
        return new KubeError(
          "unauthorized",
          `${environment}: the cluster rejected Slipway's credentials (401): ${message}`,
          { status },
        );
      case 403:
        return new KubeError("forbidden", `${environment}: forbidden: ${message}`, { status, reason: body?.reason });
      case 404:
        return new KubeError("not_found", `${environment}: not found: ${message}`, { status });
      case 409:
        return new KubeError("conflict", `${environment}: conflict: ${message}`, {
          status,
          reason: body?.reason,
          conflicts: fieldConflicts(body),
        });
      case 422:
        return new KubeError(
          "invalid",
          cause?.field
            ? `${environment}: ${cause.field}: ${cause.message ?? message}`
            : `${environment}: invalid: ${message}`,
          { status, field: cause?.field, reason: body?.reason },
        );
      default:
        return new KubeError(
          "unknown",
          `${environment}: the cluster answered ${status}${body?.message ? `: ${body.message}` : ""}`,
          { status },
        );
    }
  }
  const code = causeCode(error);
  if (code === "ESLIPWAYREFUSEDADDRESS")
    return new KubeError(
      "unreachable",
      `${environment}: the cluster address is a link-local or cloud metadata address; Slipway does not connect there`,
    );
  if (code && TLS_CODES[code]) return new KubeError("tls", `${environment}: ${TLS_CODES[code]} (${code})`);
  if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EHOSTUNREACH" ||
    code === "ECONNRESET" ||
    code === "UND_ERR_SOCKET" ||
    code === "UND_ERR_CONNECT_TIMEOUT"
  ) {
    return new KubeError("unreachable", `${environment}: cluster unreachable (${code})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KubeError("unknown", `${environment}: ${bounded(message)}`);
}

// Bounds any cluster call: an unreachable or black-holed API server fails within `ms` with a
// message naming the environment, instead of hanging a page.
export async function withTimeout<T>(promise: Promise<T>, ms: number, environment: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new KubeError("timeout", `${environment}: cluster unreachable (no answer within ${ms / 1000}s)`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    throw toKubeError(error, environment);
  } finally {
    clearTimeout(timer);
  }
}
