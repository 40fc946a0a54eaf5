import "server-only";
import { AppError } from "@/lib/errors";
import { readBounded } from "@/lib/read-bounded";

// The one door for Slipway's calls to registries and Jenkins. A call names the peer it is for
// (the URLs an admin configured on the integrations page) and goes nowhere else: any other
// host, scheme or path is refused before a socket opens, redirects are never followed, every
// call is bounded in time and in the size of the answer, and no failure message repeats what
// the peer said (its body may be a login page, a stack trace or a secret).

export type Peer = {
  // For messages: "harbor-test", "jenkins".
  name: string;
  // Base URLs the peer was configured with; a call's URL must start with one of them.
  urls: string[];
};

export type PeerFailure = "not_allowed" | "unreachable" | "tls" | "timeout" | "too_large";

const MESSAGES: Record<
  PeerFailure,
  { key: string; text: (v: { peer: string; host: string; seconds: number }) => string }
> = {
  not_allowed: {
    key: "integrations.error.notAllowed",
    text: (v) => `${v.host} is not a URL configured for ${v.peer}; Slipway does not call it.`,
  },
  unreachable: {
    key: "integrations.error.unreachable",
    text: (v) => `${v.peer} (${v.host}) cannot be reached.`,
  },
  tls: {
    key: "integrations.error.tls",
    text: (v) => `${v.peer} (${v.host}): the TLS connection failed (certificate not trusted or invalid).`,
  },
  timeout: {
    key: "integrations.error.timeout",
    text: (v) => `${v.peer} (${v.host}) did not answer within ${v.seconds} s.`,
  },
  too_large: {
    key: "integrations.error.tooLarge",
    text: (v) => `${v.peer} (${v.host}) sent a larger answer than Slipway reads.`,
  },
};

export class PeerError extends AppError {
  readonly failure: PeerFailure;
  constructor(failure: PeerFailure, values: { peer: string; host: string; seconds: number }) {
    const { key, text } = MESSAGES[failure];
    super("unavailable", text(values), { messageKey: key, values });
    this.failure = failure;
  }
}

export type PeerResponse = {
  status: number;
  headers: Headers;
  body: Buffer;
  json(): unknown;
};

export type PeerRequest = {
  method?: "GET" | "HEAD" | "POST";
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  timeoutMs?: number;
  maxBytes?: number;
};

export const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

// Whether `url` lies under one of the peer's configured base URLs: same scheme, host and port,
// and a path below the base path.
export function isAllowed(peer: Peer, url: URL): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  return peer.urls.some((raw) => {
    const base = new URL(raw);
    const path = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
    return url.origin === base.origin && `${url.pathname}/`.startsWith(path);
  });
}

function failureOf(error: unknown): PeerFailure {
  const name = (error as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError") return "timeout";
  const cause = (error as { cause?: { code?: string; name?: string } }).cause;
  if (cause?.name === "TimeoutError" || cause?.name === "AbortError") return "timeout";
  const code = cause?.code ?? "";
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code)) return "tls";
  return "unreachable";
}

export async function peerFetch(peer: Peer, target: string | URL, request: PeerRequest = {}): Promise<PeerResponse> {
  const url = new URL(target);
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const values = { peer: peer.name, host: url.host, seconds: Math.round(timeoutMs / 100) / 10 };
  if (!isAllowed(peer, url)) throw new PeerError("not_allowed", values);
  // One deadline for connecting, the headers and the whole body.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      cache: "no-store",
      signal,
    });
    const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES;
    if (Number(response.headers.get("content-length") ?? "0") > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new PeerError("too_large", values);
    }
    const body = request.method === "HEAD" ? Buffer.alloc(0) : await readBounded(response.body, maxBytes);
    if (!body) throw new PeerError("too_large", values);
    return {
      status: response.status,
      headers: response.headers,
      body,
      json: () => JSON.parse(body.toString("utf8")) as unknown,
    };
  } catch (error) {
    if (error instanceof PeerError) throw error;
    throw new PeerError(signal.aborted ? "timeout" : failureOf(error), values);
  }
}

// A peer's answer that is not what Slipway asked for, named by its status only.
export function unexpectedStatus(peer: Peer, url: string | URL, status: number): AppError {
  const host = new URL(url).host;
  return new AppError("unavailable", `${peer.name} (${host}) answered HTTP ${status}.`, {
    messageKey: "integrations.error.status",
    values: { peer: peer.name, host, status },
  });
}
