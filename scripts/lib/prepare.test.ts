import { describe, expect, it } from "vitest";
import { requireSecrets } from "./prepare";

describe("npm start", () => {
  it("refuses to start without the session secret and the encryption key, naming both", () => {
    expect(() => requireSecrets({})).toThrow(/without NEXTAUTH_SECRET and SLIPWAY_ENCRYPTION_KEY/);
    expect(() => requireSecrets({ NEXTAUTH_SECRET: "x".repeat(32) })).toThrow(/without SLIPWAY_ENCRYPTION_KEY:/);
    expect(() =>
      requireSecrets({ NEXTAUTH_SECRET: "x".repeat(32), SLIPWAY_ENCRYPTION_KEY: "0".repeat(64) }),
    ).not.toThrow();
  });
});
