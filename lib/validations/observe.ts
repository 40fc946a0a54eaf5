import { z } from "zod";
import { ZDns1123LabelSchema, ZIdSchema } from "./common";
import { DEFAULT_TAIL_LINES, MAX_TAIL_LINES } from "./limits";

// Pod names are DNS-1123 subdomains: labels joined by dots, at most 253 characters.
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

// Query strings carry flags as "true"/"false" (also "1"/"0"); absent means off.
const ZFlagSchema = z.stringbool({ error: "observe.validation.flag" }).default(false);

// The log request of the viewer, as the query of /api/apps/<app>/logs; `env` is the
// environment's id.
export const ZContainerLogQuerySchema = z.object({
  env: ZIdSchema,
  pod: z
    .string({ message: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(253, "observe.validation.pod")
    .regex(DNS1123_SUBDOMAIN, "observe.validation.pod"),
  container: ZDns1123LabelSchema(),
  tailLines: z.coerce
    .number({ message: "observe.validation.tailLines" })
    .int("observe.validation.tailLines")
    .min(1, "observe.validation.tailLines")
    .max(MAX_TAIL_LINES, "observe.validation.tailLines")
    .default(DEFAULT_TAIL_LINES),
  previous: ZFlagSchema,
  follow: ZFlagSchema,
});
export type ContainerLogQuery = z.output<typeof ZContainerLogQuerySchema>;
