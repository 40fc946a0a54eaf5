import "server-only";
import { timingSafeEqual } from "node:crypto";
import { writeAudit } from "@/lib/audit/write-audit";
import { keyedDigest } from "@/lib/crypto/keys";
import { db } from "@/lib/db";
import type { AlertingSettings } from "@/lib/generated/prisma/client";
import type { RequestContext } from "@/lib/request-context";
import { ALERTMANAGER_TOKEN_PURPOSE } from "@/lib/services/alerting/save-alerting-settings";
import { loadAlertingSettings } from "@/lib/services/alerting/load-alerting-settings";

function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

// Alertmanager's `Authorization: Bearer <token>` against the token configured under
// Integrations (only its keyed digest is stored): the settings when it is right, else null. A refused call is audited at most once a
// minute per source address, so a misconfigured sender cannot flood the audit history.
export async function authenticateAlertmanager(
  authorization: string | null,
  context: RequestContext,
): Promise<AlertingSettings | null> {
  const settings = await loadAlertingSettings();
  const { alertmanagerTokenDigest } = settings;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (
    alertmanagerTokenDigest &&
    token &&
    sameDigest(keyedDigest(token, ALERTMANAGER_TOKEN_PURPOSE), alertmanagerTokenDigest)
  )
    return settings;
  const source = context.ip ?? "unknown";
  await db.$transaction(async (tx) => {
    const fresh = await tx.$queryRaw<{ source: string }[]>`
      INSERT INTO alertmanager_refusals (source, last_audit_at) VALUES (${source}, now())
      ON CONFLICT (source) DO UPDATE SET last_audit_at = now()
      WHERE alertmanager_refusals.last_audit_at < now() - interval '1 minute'
      RETURNING source`;
    if (fresh.length === 0) return;
    await writeAudit(tx, {
      actor: { system: "alertmanager-webhook" },
      action: "alerts.webhook_refused",
      target: { type: "webhook", id: "alertmanager", label: source },
      after: { reason: !alertmanagerTokenDigest ? "no token configured" : token ? "wrong token" : "no bearer token" },
      context,
    });
  });
  return null;
}
