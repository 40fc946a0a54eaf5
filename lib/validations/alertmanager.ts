import { z } from "zod";

// Alertmanager's webhook payload, version 4 (shared/INTEGRATIONS.md §4.1). Unknown fields are
// ignored: later Alertmanager versions add some (notification_reason, routeLabels).
export const ALERTMANAGER_MAX_BODY_BYTES = 5 * 1024 * 1024;

// Go's zero time: Alertmanager sends it as endsAt of a firing alert.
const ZERO_TIME = "0001-01-01T00:00:00Z";

const time = z.iso.datetime({ offset: true, message: "alerts.badTime" });

const labelSet = z.record(z.string().max(1024), z.string().max(16 * 1024));

export const ZAlertmanagerAlertSchema = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: labelSet.refine((labels) => Object.keys(labels).length > 0, "alerts.noLabels"),
  annotations: labelSet.default({}),
  startsAt: time.transform((value) => new Date(value)),
  endsAt: z
    .union([z.literal(ZERO_TIME), time, z.literal("")])
    .optional()
    .transform((value) => (value && value !== ZERO_TIME ? new Date(value) : null)),
  generatorURL: z.string().max(4096).default(""),
  fingerprint: z.string().trim().min(1).max(64),
});
export type AlertmanagerAlert = z.output<typeof ZAlertmanagerAlertSchema>;

export const ZAlertmanagerPayloadSchema = z.object({
  version: z.literal("4", { message: "alerts.badVersion" }),
  status: z.enum(["firing", "resolved"]).optional(),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  externalURL: z.string().optional(),
  alerts: z.array(ZAlertmanagerAlertSchema).max(10_000),
});
export type AlertmanagerPayload = z.output<typeof ZAlertmanagerPayloadSchema>;
