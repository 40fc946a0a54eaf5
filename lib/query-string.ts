// A page's filters with `patch` over them, as a query string ("?a=1&b=2", or "" when none is
// set): the links of filtered, paginated pages keep the reader's filters.
export function queryString(
  search: Record<string, string | undefined>,
  patch: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...search, ...patch })) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}
