// next-auth's session cookie, as named on http and (with the __Secure- prefix) on https. A large
// session is split into chunks named `<name>.0`, `<name>.1`, … No imports: the front
// (scripts/lib/front.ts) reads the names without the app's environment.
export const SESSION_COOKIE = "next-auth.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;
