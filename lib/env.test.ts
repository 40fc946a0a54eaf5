import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const base = {
  DATABASE_URL: "postgresql://slipway@127.0.0.1:5432/slipway",
  NEXTAUTH_SECRET: "x".repeat(32),
};

describe("environment validation", () => {
  it("refuses to start in production without an encryption key", () => {
    expect(() => loadEnv({ ...base, NODE_ENV: "production" })).toThrow(
      /SLIPWAY_ENCRYPTION_KEY: SLIPWAY_ENCRYPTION_KEY is required in production/,
    );
    expect(loadEnv({ ...base, NODE_ENV: "production", SLIPWAY_ENCRYPTION_KEY: "a".repeat(64) }).NODE_ENV).toBe(
      "production",
    );
  });

  it("names every missing or malformed variable", () => {
    expect(() => loadEnv({ NODE_ENV: "development" })).toThrow(/DATABASE_URL[\s\S]*NEXTAUTH_SECRET/);
    expect(() => loadEnv({ ...base, OIDC_ISSUER: "https://sso.example.com" })).toThrow(
      /OIDC_CLIENT_ID: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/,
    );
  });
});
