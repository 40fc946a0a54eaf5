// What `npm run dev`, `npm start` and the end-to-end server do before Next.js starts: a
// database (the embedded PostgreSQL unless DATABASE_URL is set), the session secret, pending
// migrations, and the first admin.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { step } from "./log";

export const root = join(import.meta.dirname, "..", "..");

export type Prepared = { databaseUrl: string; stop: () => Promise<void> };

export async function prepareDatabase(options: { dataDir: string; port: number; database: string }): Promise<Prepared> {
  if (process.env.DATABASE_URL) {
    step("using the PostgreSQL server in DATABASE_URL");
    return { databaseUrl: process.env.DATABASE_URL, stop: async () => {} };
  }
  step(`starting the embedded PostgreSQL server (data in ${options.dataDir}, port ${options.port})`);
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port });
  const databaseUrl = await ensureDatabase(server.url, options.database);
  return { databaseUrl, stop: server.stop };
}

async function applyMigrations(databaseUrl: string): Promise<void> {
  const result = await migrate(databaseUrl, join(root, "prisma", "migrations"), (line) => step(line));
  step(`database schema up to date (${result.total} migrations, ${result.applied.length} applied now)`);
}

const PRODUCTION_SECRETS = [
  ["NEXTAUTH_SECRET", "the session signing key, at least 32 characters"],
  ["SLIPWAY_ENCRYPTION_KEY", "the key sealing kubeconfigs and secret values, 32 random bytes as hex or base64"],
] as const;

// `npm start` is production: every replica must sign sessions and seal secrets with the same
// keys, so they are never made up here (a replica with its own could not read the others').
export function requireSecrets(env: Record<string, string | undefined> = process.env): void {
  const missing = PRODUCTION_SECRETS.filter(([name]) => !env[name]);
  if (missing.length === 0) return;
  throw new Error(
    [
      `Slipway does not start in production without ${missing.map(([name]) => name).join(" and ")}:`,
      ...missing.map(([name, meaning]) => `  ${name}: ${meaning}`),
      "Give every replica the same values, for example from `openssl rand -hex 32`.",
    ].join("\n"),
  );
}

// In development the session secret and the encryption key are generated once into .data/;
// production must provide both (requireSecrets).
export function ensureSecrets(dataDir: string): void {
  const secrets = [
    { variable: "NEXTAUTH_SECRET", file: "session-secret", make: () => randomBytes(32).toString("base64url") },
    { variable: "SLIPWAY_ENCRYPTION_KEY", file: "encryption-key", make: () => randomBytes(32).toString("hex") },
  ];
  for (const { variable, file, make } of secrets) {
    if (process.env[variable]) continue;
    if (process.env.NODE_ENV === "production") throw new Error(`${variable} is required in production`);
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, file);
    if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 });
    process.env[variable] = readFileSync(path, "utf8").trim();
  }
}

async function ensureAdmin(): Promise<void> {
  // Imported only now: lib/ reads the environment that the steps above filled in.
  const { ensureInitialAdmin } = await import("../../lib/services/users/ensure-initial-admin");
  const admin = await ensureInitialAdmin({
    email: process.env.SLIPWAY_ADMIN_EMAIL,
    password: process.env.SLIPWAY_ADMIN_PASSWORD,
  });
  if (!admin) return;
  step(`created the first admin account: ${admin.email}`);
  if (admin.generated) {
    console.log(
      [
        "",
        "  ┌──────────────────────────────────────────────────────────────",
        `  │ Admin login: ${admin.email}`,
        `  │ Password:    ${admin.password}`,
        "  │ Shown once; it is stored only as a hash. Change it after signing in,",
        "  │ or set SLIPWAY_ADMIN_PASSWORD before the first start next time.",
        "  └──────────────────────────────────────────────────────────────",
        "",
      ].join("\n"),
    );
  }
}

// Built-in templates (web-service, worker, cronjob), new versions when Slipway ships changes.
async function ensureTemplates(): Promise<void> {
  const { ensureBuiltinTemplates } = await import("../../lib/services/templates/ensure-builtin-templates");
  const changed = await ensureBuiltinTemplates();
  if (changed.length > 0) step(`built-in templates: ${changed.join(", ")}`);
}

// Everything the database needs before Next.js serves a request, in this order: the schema,
// the first admin, the built-in templates.
export async function prepareData(databaseUrl: string): Promise<void> {
  await applyMigrations(databaseUrl);
  await ensureAdmin();
  await ensureTemplates();
}

// The cluster dev/test/prod point at on a first start: KUBECONFIG if set, else the sandbox.
export async function ensureEnvironments(kubeconfigPath: string): Promise<void> {
  const { ensureDefaultEnvironments } = await import("../../lib/services/environments/ensure-default-environments");
  const created = await ensureDefaultEnvironments(readFileSync(kubeconfigPath, "utf8"));
  if (created.length > 0) step(`created environments ${created.join(", ")} on the cluster of ${kubeconfigPath}`);
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
