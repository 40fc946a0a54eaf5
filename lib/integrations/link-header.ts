// The next page of a paged answer, from its RFC 8288 `Link` header. Harbor joins entries with
// " , " and leaves its query unescaped (commas inside `q` included); distribution v3 sends one
// relative entry. URLs are resolved against the request's URL.
export function nextLink(header: string | null, requestUrl: URL): URL | null {
  if (!header) return null;
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const [, target = "", params = ""] = match;
    if (/;\s*rel\s*=\s*"?next"?/i.test(params)) return new URL(target, requestUrl);
  }
  return null;
}
