import { z } from "zod";
import { ZDns1123LabelSchema, ZIdSchema } from "./common";
import { notTooDeep } from "./input-shape";

// An image repository without tag or digest: the tag is chosen at deploy time.
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

export const ZCreateAppSchema = z.object({
  name: ZDns1123LabelSchema(40),
  teamId: ZIdSchema,
  templateVersionId: ZIdSchema,
  imageRepository: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(255, "validation.tooLong")
    .regex(REPOSITORY, "validation.repository"),
});
export type CreateAppInput = z.output<typeof ZCreateAppSchema>;

export const ZSaveAppEnvironmentSchema = z.object({
  appId: ZIdSchema,
  environmentId: ZIdSchema,
  values: z.record(z.string(), z.unknown()).refine(notTooDeep, "validation.tooDeep"),
});

export const ZUpgradeAppSchema = z.object({ appId: ZIdSchema, templateVersionId: ZIdSchema });
export const ZAppEnvironmentRefSchema = z.object({ appId: ZIdSchema, environmentId: ZIdSchema });
