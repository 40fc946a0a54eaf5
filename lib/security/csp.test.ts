import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./csp";

describe("the Content-Security-Policy", () => {
  const policy = (options: Partial<Parameters<typeof contentSecurityPolicy>[0]> = {}) =>
    contentSecurityPolicy({ nonce: "abc", development: false, https: false, frameSources: [], ...options });

  it("runs only nonce'd scripts, frames nothing and is framed by nothing", () => {
    expect(policy()).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(policy()).toContain("frame-ancestors 'none'");
    expect(policy()).toContain("frame-src 'none'");
    expect(policy()).toContain("object-src 'none'");
    expect(policy()).not.toMatch(/unsafe-(eval|inline)|upgrade-insecure-requests/);
  });

  it("allows eval in development only, upgrades requests over https, and frames configured origins", () => {
    expect(policy({ development: true })).toContain("'unsafe-eval'");
    expect(policy({ https: true })).toContain("upgrade-insecure-requests");
    expect(policy({ frameSources: ["https://grafana.example.com"] })).toContain(
      "frame-src https://grafana.example.com",
    );
  });

  it("comes with nosniff, a referrer policy, and HSTS over https only", () => {
    expect(securityHeaders(false)).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
    });
    expect(securityHeaders(false)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(true)["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });
});
