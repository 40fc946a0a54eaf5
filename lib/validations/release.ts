import { z } from "zod";
import { ZIdSchema } from "./common";
import { RELEASE_STATUSES } from "./release-status";

// Docker's tag grammar: the image is the app's repository with this tag.
export const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;

const description = z.string().trim().max(500, "validation.tooLong").default("");

// A promoted image's digest: the deploy is refused unless the registry has exactly it.
export const ZDigestSchema = z
  .string()
  .trim()
  .regex(/^sha256:[a-f0-9]{64}$/, "builds.badDigest");

export const ZDeploySchema = z.object({
  appId: ZIdSchema,
  environmentId: ZIdSchema,
  tag: z
    .string({ message: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(IMAGE_TAG, "releases.badTag"),
  digest: ZDigestSchema.optional(),
  description,
  takeOver: z.boolean().default(false),
});
export type DeployInput = z.output<typeof ZDeploySchema>;

export const ZRollbackSchema = z.object({
  releaseId: ZIdSchema,
  appId: ZIdSchema,
  environmentId: ZIdSchema,
  description,
});
export type RollbackInput = z.output<typeof ZRollbackSchema>;

const replicas = z.coerce
  .number({ message: "releases.badReplicas" })
  .int("releases.badReplicas")
  .min(0, "releases.badReplicas");

// A replica count, or the autoscaler's bounds when the app autoscales.
export const ZScaleSchema = z
  .object({
    appId: ZIdSchema,
    environmentId: ZIdSchema,
    replicas: replicas.optional(),
    min: replicas.min(1, "releases.badReplicas").optional(),
    max: replicas.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.replicas !== undefined) return;
    if (value.min === undefined) ctx.addIssue({ code: "custom", message: "validation.required", path: ["min"] });
    if (value.max === undefined) ctx.addIssue({ code: "custom", message: "validation.required", path: ["max"] });
    else if (value.min !== undefined && value.max < value.min)
      ctx.addIssue({ code: "custom", message: "releases.maxBelowMin", path: ["max"] });
  });
export type ScaleInput = z.output<typeof ZScaleSchema>;

export const ZRestartSchema = z.object({ appId: ZIdSchema, environmentId: ZIdSchema });
export type RestartInput = z.output<typeof ZRestartSchema>;

export const ZDecideRequestSchema = z.object({
  requestId: ZIdSchema,
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(1000, "validation.tooLong").default(""),
});
export type DecideRequestInput = z.output<typeof ZDecideRequestSchema>;

export const ZReleaseListQuerySchema = z.object({
  app: ZIdSchema.optional().catch(undefined),
  env: z.string().max(30).optional().catch(undefined),
  status: z.enum(RELEASE_STATUSES).optional().catch(undefined),
  // "<ISO time>_<release id>" (lib/services/releases/list-releases.ts).
  cursor: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/)
    .refine((value) => ZIdSchema.safeParse(value.slice(-36)).success)
    .refine((value) => !Number.isNaN(new Date(value.slice(0, -37)).getTime()))
    .optional()
    .catch(undefined),
});
