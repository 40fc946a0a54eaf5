import { z } from "zod";
import { blankToUndefined, ZIdSchema } from "./common";

// A base URL Slipway may call: http(s), no credentials, query or fragment in it.
const ZBaseUrlSchema = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(2048, "validation.tooLong")
  .url("validation.url")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === "http:" || url.protocol === "https:") &&
        !url.username &&
        !url.password &&
        !url.search &&
        !url.hash
      );
    } catch {
      return false;
    }
  }, "integrations.badUrl");

const ZIntegrationNameSchema = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(60, "validation.tooLong")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "validation.dns1123");

// On edit, an empty secret keeps the stored one.
const ZSecretSchema = z.preprocess(blankToUndefined, z.string().max(4096, "validation.tooLong").optional());

export const ZRegistrySchema = z.object({
  id: ZIdSchema.optional(),
  name: ZIntegrationNameSchema,
  kind: z.enum(["harbor", "oci"], { message: "validation.invalid" }),
  url: ZBaseUrlSchema,
  tokenUrl: z.preprocess(blankToUndefined, ZBaseUrlSchema.optional()),
  username: z.preprocess(blankToUndefined, z.string().trim().max(255, "validation.tooLong").optional()),
  secret: ZSecretSchema,
  saveUnverified: z.boolean().default(false),
});
export type RegistryInput = z.output<typeof ZRegistrySchema>;

export const ZJenkinsServerSchema = z.object({
  id: ZIdSchema.optional(),
  name: ZIntegrationNameSchema,
  url: ZBaseUrlSchema,
  username: z.string({ message: "validation.required" }).trim().min(1, "validation.required").max(255),
  token: ZSecretSchema,
  saveUnverified: z.boolean().default(false),
});
export type JenkinsServerInput = z.output<typeof ZJenkinsServerSchema>;

export const ZIntegrationRefSchema = z.object({
  kind: z.enum(["registry", "jenkins"]),
  id: ZIdSchema,
});
export type IntegrationRef = z.output<typeof ZIntegrationRefSchema>;
