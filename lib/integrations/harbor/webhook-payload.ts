import "server-only";
import type { z } from "zod";
import { scanSummary } from "@/lib/integrations/harbor/harbor-client";
import type { ScanSummary } from "@/lib/integrations/registry/registry-access";
import {
  CLOUDEVENT_TYPES,
  HARBOR_EVENT_TYPES,
  ZHarborCloudEventSchema,
  ZHarborDefaultSchema,
  ZHarborEventDataSchema,
  type HarborEventType,
} from "@/lib/validations/harbor-webhook";

// One Harbor event, whichever format it came in. Harbor sends exactly one resource per event;
// `tag` is the first tag of the push, or the digest itself for a push by digest.
export type HarborEvent = {
  type: HarborEventType;
  format: "default" | "cloudevents";
  occurredAt: Date;
  operator: string | null;
  repository: string;
  digest: string;
  tag: string | null;
  scan: ScanSummary | null;
};

export type ParsedHarborEvent = { ok: true; event: HarborEvent } | { ok: false; field: string; problem: string };

function problemOf(error: z.ZodError, prefix: string): { ok: false; field: string; problem: string } {
  const issue = error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".") || "body";
  return { ok: false, field, problem: issue?.message ?? "invalid" };
}

function fromData(
  type: HarborEventType,
  format: HarborEvent["format"],
  occurredAt: Date,
  operator: string | undefined,
  data: z.output<typeof ZHarborEventDataSchema>,
): ParsedHarborEvent {
  const resource = data.resources[0]!;
  return {
    ok: true,
    event: {
      type,
      format,
      occurredAt,
      operator: operator || null,
      repository: data.repository.repo_full_name,
      digest: resource.digest,
      tag: resource.tag || null,
      scan: type === "SCANNING_COMPLETED" ? scanSummary(resource.scan_overview) : null,
    },
  };
}

function known(type: string, field: string): HarborEventType | { ok: false; field: string; problem: string } {
  const mapped = CLOUDEVENT_TYPES[type] ?? (HARBOR_EVENT_TYPES as readonly string[]).find((t) => t === type);
  return (mapped as HarborEventType | undefined) ?? { ok: false, field, problem: `unknown event type ${type}` };
}

export function parseHarborEvent(body: unknown, headers: Headers): ParsedHarborEvent {
  // CloudEvents binary mode: attributes in ce-* headers, the body is the data.
  const binaryType = headers.get("ce-type");
  if (binaryType) {
    const type = known(binaryType, "ce-type");
    if (typeof type === "object") return type;
    const data = ZHarborEventDataSchema.safeParse(body);
    if (!data.success) return problemOf(data.error, "");
    const time = new Date(headers.get("ce-time") ?? Date.now());
    return fromData(type, "cloudevents", Number.isNaN(time.getTime()) ? new Date() : time, undefined, data.data);
  }
  if (body && typeof body === "object" && "specversion" in body) {
    const parsed = ZHarborCloudEventSchema.safeParse(body);
    if (!parsed.success) return problemOf(parsed.error, "");
    const type = known(parsed.data.type, "type");
    if (typeof type === "object") return type;
    const time = parsed.data.time ? new Date(parsed.data.time) : new Date();
    return fromData(type, "cloudevents", time, parsed.data.operator, parsed.data.data);
  }
  const parsed = ZHarborDefaultSchema.safeParse(body);
  if (!parsed.success) return problemOf(parsed.error, "");
  const type = known(parsed.data.type, "type");
  if (typeof type === "object") return type;
  return fromData(type, "default", new Date(parsed.data.occur_at * 1000), parsed.data.operator, parsed.data.event_data);
}
