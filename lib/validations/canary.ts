import { z } from "zod";
import { isImageReference } from "@/lib/templates/image-reference";
import { ZIdSchema } from "./common";
import { IMAGE_TAG } from "./release";

// RFC 9110 token: what an HTTP header name may be, and what the Gateway API accepts.
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// C0 controls and DEL: a value with them cannot be sent as one header line.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export const DEFAULT_CANARY_HEADER = { name: "X-Canary", value: "always" } as const;

// A canary's settings: the image it runs, the header testers send to reach it, the share of
// everybody else's requests it takes (0-50 %, none when absent) and its replica count.
export const ZCanarySettingsSchema = z.object({
  image: z.string({ message: "canary.validation.image" }).trim().refine(isImageReference, "canary.validation.image"),
  headerName: z
    .string({ message: "canary.validation.headerName" })
    .trim()
    .max(256, "canary.validation.headerName")
    .regex(HTTP_TOKEN, "canary.validation.headerName")
    .default(DEFAULT_CANARY_HEADER.name),
  headerValue: z
    .string({ message: "canary.validation.headerValue" })
    .trim()
    .min(1, "canary.validation.headerValue")
    .max(4096, "canary.validation.headerValue")
    .refine((value) => !CONTROL_CHARACTER.test(value), "canary.validation.headerValue")
    .default(DEFAULT_CANARY_HEADER.value),
  weight: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce
      .number({ message: "canary.validation.weight" })
      .int("canary.validation.weight")
      .min(0, "canary.validation.weight")
      .max(50, "canary.validation.weight")
      .optional(),
  ),
  replicas: z.coerce
    .number({ message: "canary.validation.replicas" })
    .int("canary.validation.replicas")
    .min(1, "canary.validation.replicas")
    .max(1000, "canary.validation.replicas")
    .default(1),
});

export type CanarySettings = z.output<typeof ZCanarySettingsSchema>;

const ZTarget = z.object({ appId: ZIdSchema, environmentId: ZIdSchema });

// Starting a canary from the app page: the tag (the environment's registry resolves it, as for a
// deploy) and the settings above.
export const ZStartCanarySchema = ZTarget.extend({
  tag: z
    .string({ message: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(IMAGE_TAG, "releases.badTag"),
  ...ZCanarySettingsSchema.omit({ image: true }).shape,
});
export type StartCanaryInput = z.output<typeof ZStartCanarySchema>;

export const ZSwitchCanarySchema = ZTarget.extend({ enabled: z.boolean({ message: "validation.invalid" }) });
export type SwitchCanaryInput = z.output<typeof ZSwitchCanarySchema>;

// Promote and abort name only the canary (its app and environment).
export const ZCanaryTargetSchema = ZTarget;
export type CanaryTargetInput = z.output<typeof ZCanaryTargetSchema>;
