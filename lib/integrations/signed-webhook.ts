import "server-only";
import { createHmac } from "node:crypto";
import { requestJson } from "./outbound-http";

// A webhook channel's POST: the JSON body signed with the subscription's secret, as documented in
// the README ("Alert webhooks"). The delivery id lets a receiver drop a repeat.
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export async function postSignedWebhook(
  url: string,
  secret: string,
  deliveryId: string,
  body: string,
): Promise<{ status: number }> {
  const answer = await requestJson(url, {
    body,
    headers: {
      "user-agent": "Slipway-Alerts/1",
      "x-slipway-delivery": deliveryId,
      "x-slipway-signature-256": signature(secret, body),
    },
  });
  return { status: answer.status };
}
