import { z } from "zod";
import { ROUTING_MODES } from "./choices";
import { DNS1123_LABEL } from "./common";

export { ROUTING_MODES, type RoutingMode } from "./choices";

// Gateway API ObjectName and SectionName: a DNS-1123 subdomain of at most 253 characters.
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const subdomain = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(253, "canary.validation.gatewayName")
    .regex(DNS1123_SUBDOMAIN, "canary.validation.gatewayName")
    .optional(),
);

// An admin's routing choice for an environment. The Gateway API needs the parent Gateway; the
// other modes keep none (Gateway fields sent with them are ignored, not checked).
export const ZEnvironmentRoutingSchema = z.preprocess(
  (input) => {
    if (!input || typeof input !== "object" || (input as { routing?: unknown }).routing === "gateway_api") return input;
    const { gatewayName: _n, gatewayNamespace: _ns, gatewaySection: _s, ...rest } = input as Record<string, unknown>;
    return rest;
  },
  z
    .object({
      id: z.string().uuid("validation.invalid"),
      routing: z.enum(ROUTING_MODES, { message: "canary.validation.routing" }),
      gatewayName: subdomain,
      gatewayNamespace: z.preprocess(
        blankToUndefined,
        z.string().trim().max(63, "validation.dns1123").regex(DNS1123_LABEL, "validation.dns1123").optional(),
      ),
      gatewaySection: subdomain,
    })
    .superRefine((input, ctx) => {
      if (input.routing !== "gateway_api") return;
      for (const field of ["gatewayName", "gatewayNamespace"] as const)
        if (!input[field])
          ctx.addIssue({ code: "custom", path: [field], message: "canary.validation.gatewayRequired" });
    }),
);

export type EnvironmentRoutingInput = z.output<typeof ZEnvironmentRoutingSchema>;
