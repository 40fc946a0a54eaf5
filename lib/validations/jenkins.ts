import { z } from "zod";
import { isImageReference } from "@/lib/templates/image-reference";
import { ZIdSchema } from "./common";

export const JENKINS_RESULTS = ["SUCCESS", "UNSTABLE", "FAILURE", "ABORTED", "NOT_BUILT"] as const;

// What a Jenkinsfile's post step sends (README): the build, its result (none while it runs),
// the commit and branch it built and the image it pushed.
export const ZJenkinsWebhookSchema = z.object({
  job: z.string().trim().min(1).max(255),
  number: z.number().int().positive(),
  result: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.enum(JENKINS_RESULTS).optional(),
  ),
  commit: z.string().trim().max(64).optional(),
  branch: z.string().trim().max(255).optional(),
  image: z
    .string()
    .trim()
    .max(512)
    .refine((value) => value === "" || isImageReference(value), "an image reference with a tag")
    .optional(),
  url: z.string().trim().max(2048).url().optional(),
});
export type JenkinsWebhookInput = z.output<typeof ZJenkinsWebhookSchema>;

// A Jenkins job path: folders and name joined by "/".
export const ZJenkinsJobSchema = z
  .string()
  .trim()
  .max(255, "validation.tooLong")
  .regex(/^[^/\s][^\s]*(\/[^/\s][^\s]*)*$/, "builds.jenkins.badJob");

export const ZAppBuildSettingsSchema = z.object({
  appId: ZIdSchema,
  jenkinsServerId: z.preprocess((value) => (value === "" ? undefined : value), ZIdSchema.optional()),
  jenkinsJob: z.preprocess((value) => (value === "" ? undefined : value), ZJenkinsJobSchema.optional()),
  autoDeployPattern: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(128, "validation.tooLong")
    .regex(/^[\w.*?-]+$/, "builds.badPattern"),
});
export type AppBuildSettingsInput = z.output<typeof ZAppBuildSettingsSchema>;

export const ZTriggerBuildSchema = z.object({
  appId: ZIdSchema,
  branch: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .trim()
      .max(255, "validation.tooLong")
      .regex(/^[\w./-]+$/, "builds.badBranch")
      .optional(),
  ),
});
export type TriggerBuildInput = z.output<typeof ZTriggerBuildSchema>;
