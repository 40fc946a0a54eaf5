import "server-only";
import { requestJson } from "./outbound-http";
import { readWecomAnswer, type WecomAnswer } from "./wecom-robot";

// WeCom application messages to people (shared/INTEGRATIONS.md §5b).
export const WECOM_TOKEN_ERRORS = [40014, 42001];

export async function fetchAccessToken(
  apiBase: string,
  corpId: string,
  secret: string,
): Promise<WecomAnswer & { token?: string; expiresIn?: number }> {
  const answer = await requestJson(
    `${apiBase}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(secret)}`,
  );
  const body = (answer.body ?? {}) as { access_token?: unknown; expires_in?: unknown };
  return {
    ...readWecomAnswer(answer),
    ...(typeof body.access_token === "string" ? { token: body.access_token } : {}),
    ...(typeof body.expires_in === "number" ? { expiresIn: body.expires_in } : {}),
  };
}

export async function sendAppMarkdown(
  apiBase: string,
  token: string,
  message: { agentId: number; userIds: string[]; content: string },
): Promise<WecomAnswer & { invalidUsers: string[] }> {
  const answer = await requestJson(`${apiBase}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, {
    body: JSON.stringify({
      touser: message.userIds.join("|"),
      msgtype: "markdown",
      agentid: message.agentId,
      markdown: { content: message.content },
    }),
  });
  const invalid = (answer.body as { invaliduser?: unknown } | null)?.invaliduser;
  return {
    ...readWecomAnswer(answer),
    invalidUsers: typeof invalid === "string" && invalid ? invalid.split("|") : [],
  };
}
