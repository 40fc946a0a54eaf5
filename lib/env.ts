import "server-only";
import { z } from "zod";

// The environment, validated once when the server starts. `scripts/dev.ts` and
// `scripts/start.ts` fill in what the embedded defaults provide (database, secrets).
const ZEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    NEXTAUTH_URL: z.string().url().optional(),
    SESSION_MAX_AGE_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_DISPLAY_NAME: z.string().min(1).default("SSO"),
    OIDC_DEFAULT_ROLE: z.enum(["admin", "ops", "developer", "tester", "viewer"]).default("viewer"),
    SLIPWAY_ENCRYPTION_KEY: z.string().min(32, "SLIPWAY_ENCRYPTION_KEY must be 32 bytes as hex or base64").optional(),
    // Bound on any single call to a cluster, so a page never hangs on an unreachable one.
    KUBE_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(8_000),
    // "0" makes a web-only replica: it queues background work but runs none.
    SLIPWAY_WORKERS: z.enum(["0", "1"], { message: "SLIPWAY_WORKERS must be 0 or 1" }).default("1"),
  })
  .refine((env) => env.NODE_ENV !== "production" || env.SLIPWAY_ENCRYPTION_KEY, {
    message: "SLIPWAY_ENCRYPTION_KEY is required in production (32 random bytes, hex or base64)",
    path: ["SLIPWAY_ENCRYPTION_KEY"],
  })
  .refine((env) => !env.OIDC_ISSUER || (env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET), {
    message: "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
    path: ["OIDC_CLIENT_ID"],
  });

export type Env = z.infer<typeof ZEnvSchema>;

export function loadEnv(raw: Record<string, string | undefined> = process.env): Env {
  const parsed = ZEnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Slipway cannot start, the environment is invalid:\n${problems}`);
  }
  return parsed.data;
}

let loaded: Env | undefined;

// Validated on first use, not at import: `next build` imports every route without a runtime
// environment.
export const env: Env = new Proxy({} as Env, {
  get: (_target, key) => (loaded ??= loadEnv())[key as keyof Env],
});

export function oidcEnabled(): boolean {
  return Boolean(env.OIDC_ISSUER);
}
