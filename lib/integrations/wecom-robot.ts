import "server-only";
import { requestJson } from "./outbound-http";

// WeCom group robot (shared/INTEGRATIONS.md §5): POST /cgi-bin/webhook/send?key=…, HTTP 200 even
// for errors, the outcome is `errcode`.
export const WECOM_RATE_LIMITED = 45009;
export const WECOM_BAD_KEYS = [93000, 40001, 40013];
// Retrying these can succeed: busy, rate or concurrency limited.
export const WECOM_RETRYABLE = [-1, WECOM_RATE_LIMITED, 45033];

export type WecomAnswer = { status: number; errcode: number | null; errmsg: string };

export function readWecomAnswer(answer: { status: number; body: unknown }): WecomAnswer {
  const body = (answer.body ?? {}) as { errcode?: unknown; errmsg?: unknown };
  return {
    status: answer.status,
    errcode: typeof body.errcode === "number" ? body.errcode : null,
    errmsg: typeof body.errmsg === "string" ? body.errmsg.slice(0, 300) : "",
  };
}

export async function sendRobotMarkdown(apiBase: string, key: string, content: string): Promise<WecomAnswer> {
  const url = `${apiBase}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  return readWecomAnswer(
    await requestJson(url, { body: JSON.stringify({ msgtype: "markdown", markdown: { content } }) }),
  );
}
