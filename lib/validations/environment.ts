import { z } from "zod";
import { ZDns1123LabelSchema } from "./common";

export const NAMESPACE_PLACEHOLDERS = ["team", "env"] as const;

// "{team}-{env}" style patterns: only known placeholders, and the result for typical values
// must be a valid namespace name.
export function checkNamespacePattern(pattern: string): string | null {
  const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1] ?? "")
    .filter((p) => !(NAMESPACE_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) return "validation.namespacePlaceholder";
  const sample = pattern.replaceAll("{team}", "payments").replaceAll("{env}", "staging");
  if (/[{}]/.test(sample) || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(sample) || sample.length > 63)
    return "validation.namespacePattern";
  return null;
}

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const ZEnvironmentSchema = z
  .object({
    id: z.string().uuid().optional(),
    name: ZDns1123LabelSchema(30),
    displayName: z.string().trim().max(60, "validation.tooLong").default(""),
    protected: z.boolean().default(false),
    position: z.coerce.number().int().min(0).max(1000).default(0),
    clusterMode: z.enum(["kubeconfig", "in_cluster"]).default("kubeconfig"),
    // On edit, empty keeps the stored kubeconfig; a new one replaces it.
    kubeconfig: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .max(256 * 1024, "validation.tooLong")
        .optional(),
    ),
    namespacePattern: z
      .string()
      .trim()
      .min(1, "validation.required")
      .max(63, "validation.tooLong")
      .superRefine((pattern, ctx) => {
        const problem = checkNamespacePattern(pattern);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    imageRegistry: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(253, "validation.tooLong")
        .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9._-]+)*$/i, "validation.registry")
        .optional(),
    ),
    maxReplicas: z.coerce
      .number({ message: "validation.invalid" })
      .int("validation.invalid")
      .min(1, "environments.maxReplicasRange")
      .max(1000, "environments.maxReplicasRange")
      .default(50),
    autoRollback: z.boolean().default(false),
    saveUnverified: z.boolean().default(false),
  })
  .refine((e) => e.clusterMode === "in_cluster" || e.id || e.kubeconfig, {
    message: "validation.kubeconfigRequired",
    path: ["kubeconfig"],
  });

export type EnvironmentInput = z.output<typeof ZEnvironmentSchema>;

export const ZEnvironmentIdSchema = z.object({ id: z.string().uuid("validation.invalid") });
