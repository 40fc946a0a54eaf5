import { describe, expect, it } from "vitest";
import { cookieProblems, frameProblems, mixedContentProblems, sameSite } from "./embedding-rules";

const slipway = new URL("https://slipway.corp.example.com");
const grafana = new URL("https://grafana.corp.example.com");
const keys = (problems: { key: string }[]) => problems.map((p) => p.key);
const csp = (value: string) => new Headers({ "content-security-policy": value });

describe("frame headers", () => {
  it("refuse X-Frame-Options deny, and sameorigin from another origin", () => {
    expect(frameProblems([new Headers({ "x-frame-options": "deny" })], slipway, grafana)).toEqual([
      { key: "grafana.problem.xFrameOptions", values: { value: "DENY" } },
    ]);
    expect(keys(frameProblems([new Headers({ "x-frame-options": "SAMEORIGIN" })], slipway, grafana))).toEqual([
      "grafana.problem.xFrameOptions",
    ]);
    expect(frameProblems([new Headers({ "x-frame-options": "SAMEORIGIN" })], slipway, slipway)).toEqual([]);
    expect(frameProblems([new Headers()], slipway, grafana)).toEqual([]);
  });

  it("judge by frame-ancestors when a policy has it, as browsers do", () => {
    const judge = (value: string) => keys(frameProblems([csp(value)], slipway, grafana));
    expect(judge("default-src 'self'; frame-ancestors 'none'")).toEqual(["grafana.problem.frameAncestors"]);
    expect(judge("frame-ancestors 'self'")).toEqual(["grafana.problem.frameAncestors"]);
    expect(judge("frame-ancestors https://slipway.corp.example.com")).toEqual([]);
    expect(judge("frame-ancestors https://*.corp.example.com")).toEqual([]);
    expect(judge("frame-ancestors https:")).toEqual([]);
    expect(judge("frame-ancestors *")).toEqual([]);
    expect(judge("frame-ancestors https://slipway.corp.example.com:8443")).toEqual(["grafana.problem.frameAncestors"]);
    expect(judge("frame-ancestors https://other.example.com")).toEqual(["grafana.problem.frameAncestors"]);
    // frame-ancestors overrides X-Frame-Options.
    const both = new Headers({ "content-security-policy": "frame-ancestors *", "x-frame-options": "deny" });
    expect(frameProblems([both], slipway, grafana)).toEqual([]);
  });

  it("name the policy and Slipway's origin in the explanation", () => {
    expect(frameProblems([csp("frame-ancestors 'self' https://a.example.com")], slipway, grafana)).toEqual([
      {
        key: "grafana.problem.frameAncestors",
        values: { value: "'self' https://a.example.com", origin: "https://slipway.corp.example.com" },
      },
    ]);
  });
});

describe("cookies and sites", () => {
  it("treat subdomains of one registrable domain as one site, by scheme", () => {
    expect(sameSite(slipway, grafana)).toBe(true);
    expect(sameSite(new URL("https://a.example.com.cn"), new URL("https://b.example.com.cn"))).toBe(true);
    expect(sameSite(new URL("https://a.example.com.cn"), new URL("https://b.other.com.cn"))).toBe(false);
    expect(sameSite(new URL("http://slipway.corp.example.com"), grafana)).toBe(false);
    expect(sameSite(new URL("http://localhost:3000"), new URL("http://127.0.0.1:3000"))).toBe(false);
  });

  it("explain a cross-site Lax, Strict or default cookie, and None without Secure; accept None; Secure", () => {
    const other = new URL("https://grafana.monitoring.example.net");
    const check = (cookie: string) => keys(cookieProblems([cookie], slipway, other));
    expect(check("redirect_to=%2F; Path=/; HttpOnly; SameSite=Lax")).toEqual(["grafana.problem.cookieCrossSite"]);
    expect(check("redirect_to=%2F; Path=/; HttpOnly; SameSite=Strict")).toEqual(["grafana.problem.cookieCrossSite"]);
    expect(check("redirect_to=%2F; Path=/; HttpOnly")).toEqual(["grafana.problem.cookieCrossSite"]);
    expect(check("redirect_to=%2F; Path=/; HttpOnly; SameSite=None")).toEqual(["grafana.problem.cookieNotSecure"]);
    expect(check("redirect_to=%2F; Path=/; HttpOnly; Secure; SameSite=None")).toEqual([]);
    expect(cookieProblems(["redirect_to=%2F; SameSite=Lax"], slipway, grafana)).toEqual([]);
    expect(cookieProblems(["redirect_to=%2F; SameSite=Lax"], slipway, other)[0]?.values).toMatchObject({
      sameSite: "lax",
      slipway: "https://slipway.corp.example.com",
      grafana: "https://grafana.monitoring.example.net",
    });
  });

  it("refuse an http Grafana inside an https Slipway", () => {
    expect(keys(mixedContentProblems(slipway, new URL("http://grafana.corp.example.com")))).toEqual([
      "grafana.problem.mixedContent",
    ]);
    expect(mixedContentProblems(new URL("http://localhost:3000"), new URL("http://127.0.0.1:3001"))).toEqual([]);
  });
});
