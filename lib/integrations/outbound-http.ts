import "server-only";

export type HttpAnswer = { status: number; body: unknown };

const MAX_ANSWER_BYTES = 64 * 1024;

// Slipway's calls to configured peers (WeCom, webhooks, Alertmanager): bounded in time, the
// answer read up to 64 KiB and parsed as JSON when it is JSON. Callers keep what they need from
// it for the delivery log; a remote body never goes into a message for people.
export async function requestJson(
  url: string,
  init: { method?: "GET" | "POST"; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
    redirect: "manual",
    signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
  });
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader && size < MAX_ANSWER_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader?.cancel().catch(() => undefined);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: null };
  }
}

// Why a call did not get an answer, in words fit for the delivery log.
export function transportError(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timeout";
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  const named = typeof cause?.code === "string" ? cause.code : typeof code === "string" ? code : null;
  return named ?? (error instanceof Error ? error.message.slice(0, 200) : "error");
}
