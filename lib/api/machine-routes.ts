// Routes that machines call with their own credentials (a bearer token, a signature) and never
// with the console's session cookie. Checks meant for cookie-authenticated requests (CSRF
// tokens, Origin) must let them through: a peer such as Alertmanager sends no Origin and no
// cookie, and a cookie sent along is never read by these routes.
export const MACHINE_ROUTE_PREFIXES = ["/api/webhooks/"] as const;

export function isMachineRoute(pathname: string): boolean {
  return MACHINE_ROUTE_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}
