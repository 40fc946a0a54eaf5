// A registry's 401 challenge: `Basic realm="..."` (htpasswd) or
// `Bearer realm="https://auth/token",service="registry",scope="repository:a/b:pull"` (token auth,
// distribution's token.md; Harbor's token service lives at /service/token).
export type Challenge = { scheme: "basic" } | { scheme: "bearer"; realm: string; service?: string; scope?: string };

export function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  if (scheme === "basic") return { scheme: "basic" };
  if (scheme !== "bearer") return null;
  const params: Record<string, string> = {};
  for (const [, key = "", quoted, bare] of (match[2] ?? "").matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
    params[key.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : (bare ?? "");
  if (!params.realm) return null;
  return {
    scheme: "bearer",
    realm: params.realm,
    ...(params.service ? { service: params.service } : {}),
    ...(params.scope ? { scope: params.scope } : {}),
  };
}
