import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3101);
export const E2E_ADMIN = { email: "admin@slipway.test", password: "e2e-admin-password-0123" };

// Debian's Chromium (`npx playwright install` cannot reach its downloads here); also used by
// bench/deploy.
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // Generous: the browser, the server, PostgreSQL and the sandbox share two cores here.
  expect: { timeout: 20_000 },
  // `npm test` asks for a JSON report too (PLAYWRIGHT_JSON_OUTPUT_FILE), to name failures in its summary.
  reporter: [
    ["list"],
    ...(process.env.CI ? [] : [["html", { open: "never" }] as const]),
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["json"] as const] : []),
  ],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
  },
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs e2e/support/oidc-provider.ts",
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { OIDC_PORT: String(oidcPort), APP_URL: `http://localhost:${port}` },
    },
    {
      command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/e2e-server.ts",
      url: `http://localhost:${port}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        E2E_PORT: String(port),
        NODE_ENV: "production",
        NEXTAUTH_URL: `http://localhost:${port}`,
        NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
        SLIPWAY_ENCRYPTION_KEY: "e2e0".repeat(16),
        SLIPWAY_ADMIN_EMAIL: E2E_ADMIN.email,
        SLIPWAY_ADMIN_PASSWORD: E2E_ADMIN.password,
        OIDC_ISSUER: `http://localhost:${oidcPort}`,
        OIDC_CLIENT_ID: "slipway",
        OIDC_CLIENT_SECRET: "slipway-e2e-client-secret",
        OIDC_DISPLAY_NAME: "Company SSO",
        // Lets a test name the address a request comes from (X-Forwarded-For), so that tests of
        // failed sign-ins do not lock out the address every other test signs in from.
        SLIPWAY_TRUSTED_PROXIES: "127.0.0.1, ::1",
      },
    },
  ],
});
