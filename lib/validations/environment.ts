import { z } from "zod";
import { blankToUndefined, ZDns1123LabelSchema, ZIdSchema } from "./common";
import { textNotTooDeep } from "./input-shape";

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

export const ZEnvironmentSchema = z
  .object({
    id: z.string().uuid().optional(),
    name: ZDns1123LabelSchema(30),
    displayName: z.string().trim().max(60, "validation.tooLong").default(""),
    protected: z.boolean().default(false),
    // The form offers the highest order plus 10, so the bound is far above any real count.
    position: z.coerce.number().int().min(0).max(1_000_000).default(0),
    clusterMode: z.enum(["kubeconfig", "in_cluster"]).default("kubeconfig"),
    // On edit, empty keeps the stored kubeconfig; a new one replaces it.
    kubeconfig: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(256 * 1024, "validation.tooLong")
        .refine(textNotTooDeep, "validation.tooDeep")
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
    // The registry images come from (integrations page); none: the app's repository as is.
    registryId: z.preprocess(blankToUndefined, ZIdSchema.optional()),
    autoDeploy: z.boolean().default(false),
    refuseCritical: z.boolean().default(false),
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
  })
  // A push deploys by itself only where nobody has to approve, and only from a registry.
  .refine((e) => !e.autoDeploy || !e.protected, { message: "builds.autoDeployProtected", path: ["autoDeploy"] })
  .refine((e) => !e.autoDeploy || e.registryId, { message: "builds.autoDeployNeedsRegistry", path: ["autoDeploy"] });

export type EnvironmentInput = z.output<typeof ZEnvironmentSchema>;

export const ZEnvironmentIdSchema = z.object({ id: z.string().uuid("validation.invalid") });
