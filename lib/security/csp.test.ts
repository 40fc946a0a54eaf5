import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from "./csp";

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

describe("whether an answer goes out over https", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("says so for an https public URL, a proxy's X-Forwarded-Proto or an https request, and not otherwise", () => {
    vi.stubEnv("NEXTAUTH_URL", "http://console.example.com");
    expect(servedOverHttps(null, "http:")).toBe(false);
    expect(servedOverHttps("http", "http:")).toBe(false);
    expect(servedOverHttps("https", "http:")).toBe(true);
    expect(servedOverHttps(undefined, "https:")).toBe(true);
    vi.stubEnv("NEXTAUTH_URL", "https://console.example.com");
    expect(servedOverHttps(null, "http:")).toBe(true);
  });
});
