// Session cookies already opened by this process. Opening one (next-auth's decode) derives the
// key from the secret with HKDF and decrypts the token on every call, about half a millisecond
// of CPU for each page view and API call. A cookie is sealed with an authenticated cipher, so the
// same string always opens to the same claims: they are kept until the token expires (with the
// 15 s of clock tolerance decode allows), for at most MAX_ENTRIES cookies, the oldest going
// first. Nothing else is decided here: the user, whether they are disabled and their session
// version are read from the database on every request as before.
export const MAX_ENTRIES = 1_000;
const CLOCK_TOLERANCE_S = 15;

type Claims = { uid?: unknown; sv?: unknown; exp?: unknown };

export type SessionOpener = (token: string) => Promise<Claims | null>;

export function openedSessions(open: SessionOpener, now: () => number = Date.now) {
  const opened = new Map<string, Claims>();
  const fresh = (claims: Claims) => typeof claims.exp === "number" && claims.exp + CLOCK_TOLERANCE_S > now() / 1000;
  return async function openSession(token: string): Promise<Claims | null> {
    const known = opened.get(token);
    if (known) {
      if (fresh(known)) return known;
      opened.delete(token);
    }
    const claims = await open(token);
    // A token without an expiry is not kept (next-auth always writes one).
    if (claims && fresh(claims)) {
      if (opened.size >= MAX_ENTRIES) opened.delete(opened.keys().next().value!);
      opened.set(token, claims);
    }
    return claims;
  };
}
