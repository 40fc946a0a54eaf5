import "server-only";
import { isIP } from "node:net";
import type { GrafanaProblem } from "@/lib/grafana/problems";

// Whether a browser showing Slipway will draw Grafana's answer inside an iframe, judged from
// the headers Grafana sent (Slipway cannot read a cross-origin frame's headers in the browser).
// A Content-Security-Policy with frame-ancestors wins over X-Frame-Options, as in browsers.
export function frameProblems(headers: Headers[], slipway: URL, grafana: URL): GrafanaProblem[] {
  const policies = headers.flatMap((h) => (h.get("content-security-policy") ?? "").split(","));
  const ancestors = policies
    .map((policy) => directive(policy, "frame-ancestors"))
    .filter((sources): sources is string[] => sources !== null);
  if (ancestors.length > 0) {
    const refused = ancestors.find((sources) => !sources.some((source) => sourceMatches(source, slipway, grafana)));
    return refused
      ? [
          {
            key: "grafana.problem.frameAncestors",
            values: { value: refused.join(" ") || "'none'", origin: slipway.origin },
          },
        ]
      : [];
  }
  for (const h of headers) {
    const value = (h.get("x-frame-options") ?? "").trim().toLowerCase();
    if (value === "deny" || (value === "sameorigin" && slipway.origin !== grafana.origin)) {
      return [{ key: "grafana.problem.xFrameOptions", values: { value: value.toUpperCase() } }];
    }
  }
  return [];
}

function directive(policy: string, name: string): string[] | null {
  for (const part of policy.split(";")) {
    const [directiveName, ...sources] = part.trim().split(/\s+/);
    if (directiveName?.toLowerCase() === name) return sources.filter(Boolean);
  }
  return null;
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : "80";
}

// One CSP source expression against Slipway's origin (CSP Level 3 matching, simplified to
// what frame-ancestors uses: keywords, schemes, hosts with wildcards and ports).
function sourceMatches(source: string, slipway: URL, grafana: URL): boolean {
  const s = source.toLowerCase();
  if (s === "'none'") return false;
  if (s === "'self'") return slipway.origin === grafana.origin;
  if (s === "*") return true;
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return s === slipway.protocol || (s === "http:" && slipway.protocol === "https:");
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|\*\.[^:/]+|[^:/]+)(?::(\*|\d+))?(?:\/.*)?$/.exec(s);
  if (!match) return false;
  const [, scheme, host = "", port] = match;
  if (scheme && `${scheme}:` !== slipway.protocol && !(scheme === "http" && slipway.protocol === "https:")) {
    return false;
  }
  const hostname = slipway.hostname.toLowerCase();
  const hostOk = host === "*" || (host.startsWith("*.") ? hostname.endsWith(host.slice(1)) : hostname === host);
  // Without a port the source matches the scheme's default port only (CSP Level 3, port-part).
  const wanted = slipway.port || defaultPort(slipway.protocol);
  const portOk = port === "*" || (port ?? defaultPort(slipway.protocol)) === wanted;
  return hostOk && portOk;
}

// Registrable domain, roughly: the last two labels, three under a two-letter country code's
// common second level (example.com.cn, example.co.uk). IP addresses and single labels stand alone.
function site(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (isIP(host) || !host.includes(".")) return host;
  const labels = host.split(".");
  const secondLevel = ["com", "net", "org", "gov", "edu", "ac", "co"];
  const keep = labels.length > 2 && labels.at(-1)!.length === 2 && secondLevel.includes(labels.at(-2)!) ? 3 : 2;
  return labels.slice(-keep).join(".");
}

// Browsers compare sites with their scheme (schemeful same-site).
export function sameSite(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && site(a) === site(b);
}

// Grafana's cookies carry its cookie_samesite setting (the redirect_to cookie is set on the
// way to its login page). A cross-site iframe gets them only with SameSite=None and Secure.
export function cookieProblems(setCookies: string[], slipway: URL, grafana: URL): GrafanaProblem[] {
  if (sameSite(slipway, grafana)) return [];
  const cookie = setCookies.find((c) => /^\s*(redirect_to|grafana_session)=/.test(c)) ?? setCookies[0];
  const attributes = (cookie ?? "").split(";").map((part) => part.trim().toLowerCase());
  const sameSiteValue = attributes.find((a) => a.startsWith("samesite="))?.slice("samesite=".length) ?? "lax";
  const values = { slipway: slipway.origin, grafana: grafana.origin };
  if (sameSiteValue !== "none") {
    return [{ key: "grafana.problem.cookieCrossSite", values: { ...values, sameSite: sameSiteValue } }];
  }
  if (!attributes.includes("secure")) return [{ key: "grafana.problem.cookieNotSecure", values }];
  return [];
}

// An https page may not show an http frame (mixed content).
export function mixedContentProblems(slipway: URL, grafana: URL): GrafanaProblem[] {
  return slipway.protocol === "https:" && grafana.protocol === "http:"
    ? [{ key: "grafana.problem.mixedContent", values: { grafana: grafana.origin } }]
    : [];
}
