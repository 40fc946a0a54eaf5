// Where the login page may send someone after sign-in: a path on this site. "//evil.test/x" and
// "/\evil.test" start with a slash too, but browsers read them as another host.
export function safeCallbackUrl(value: string | undefined, fallback = "/apps"): string {
  if (!value || !value.startsWith("/") || /^\/[/\\]/.test(value) || /[\u0000-\u001f\\]/.test(value)) return fallback;
  const base = "http://slipway.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
