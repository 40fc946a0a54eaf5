import { z } from "zod";

// Harbor's webhook bodies (INTEGRATIONS.md §1.2, §1.3): the default format and CloudEvents
// (structured mode, `application/cloudevents+json`; binary mode with ce-* headers is accepted
// too, for other producers). Unknown fields are allowed; Harbor adds some between versions.

export const HARBOR_EVENT_TYPES = ["PUSH_ARTIFACT", "DELETE_ARTIFACT", "SCANNING_COMPLETED"] as const;
export type HarborEventType = (typeof HARBOR_EVENT_TYPES)[number];

export const CLOUDEVENT_TYPES: Record<string, HarborEventType> = {
  "harbor.artifact.pushed": "PUSH_ARTIFACT",
  "harbor.artifact.deleted": "DELETE_ARTIFACT",
  "harbor.scan.completed": "SCANNING_COMPLETED",
};

export const DIGEST = /^sha256:[a-f0-9]{64}$/;

const ZResourceSchema = z.object({
  digest: z.string().regex(DIGEST, "a sha256 digest"),
  tag: z.string().max(256).optional(),
  resource_url: z.string().max(2048).optional(),
  scan_overview: z.record(z.string(), z.unknown()).optional(),
});

export const ZHarborEventDataSchema = z.object({
  resources: z.array(ZResourceSchema).min(1, "at least one resource"),
  repository: z.object({
    name: z.string().max(255).optional(),
    namespace: z.string().max(255).optional(),
    repo_full_name: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, "a repository name"),
  }),
  scan: z.object({ scan_type: z.string().optional() }).optional(),
});

export const ZHarborDefaultSchema = z.object({
  type: z.string().min(1),
  occur_at: z.number().int().nonnegative(),
  operator: z.string().max(255).optional(),
  event_data: ZHarborEventDataSchema,
});

export const ZHarborCloudEventSchema = z.object({
  specversion: z.literal("1.0"),
  id: z.string().min(1).max(255),
  type: z.string().min(1),
  time: z.string().datetime({ offset: true }).optional(),
  operator: z.string().max(255).optional(),
  data: ZHarborEventDataSchema,
});
