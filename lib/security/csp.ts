// The Content-Security-Policy of every answer, built in one place. Scripts run only from Slipway
// itself and with this request's nonce (Next.js puts it on its own scripts, reading it from the
// request's policy header); no page may be framed; frames Slipway shows come only from
// `frameSources`: the configured Grafanas, whose panels the console embeds (proxy.ts).
export type CspOptions = {
  nonce: string;
  // `next dev` evaluates code for React's refresh and error overlay; production never does.
  development: boolean;
  https: boolean;
  frameSources: string[];
};

export function contentSecurityPolicy({ nonce, development, https, frameSources }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", `'nonce-${nonce}'`],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["frame-src", ...(frameSources.length > 0 ? frameSources : ["'none'"])],
    ["frame-ancestors", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

// Whether an answer goes out over https: the configured public URL says so, a trusted proxy does
// (X-Forwarded-Proto: scripts/lib/trusted-proxies.mjs drops it from anyone else), or the request
// came in over https itself. For proxy.ts and the front (scripts/lib/front.ts) alike.
export function servedOverHttps(forwardedProto: string | null | undefined, protocol?: string): boolean {
  return (
    process.env.NEXTAUTH_URL?.startsWith("https://") === true || forwardedProto === "https" || protocol === "https:"
  );
}

// Headers every answer carries beside the policy; HSTS only over https.
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
