import "server-only";
import type { IncomingMessage } from "node:http";
import { DEFAULT_TIME_ZONE, TIME_ZONE_COOKIE, isTimeZone } from "@/lib/i18n/clock";
import { LOCALE_COOKIE, isLocale, negotiateLocale } from "@/lib/i18n/locales";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./session-cookie-name";

// The sign-in page as a signed-out browser asks for it, rendered once per language, time zone
// and return address and then answered from memory by the front of `npm start`
// (scripts/lib/front.ts).
//
// Why: the server is one Node.js event loop. While five people page through the app list,
// everything it answers waits behind their renders (bench/scale: `/login` 8 ms alone, 124 ms
// beside five listing users). A copy costs no render; answered by the front, whose loop runs
// no page, it waits for none either.
//
// What the page depends on, and so what a copy is kept by: the language and time zone (from
// their cookies, else Accept-Language and UTC, as lib/i18n/server.ts resolves them for a
// signed-out reader), the path and query (Next.js writes the URL into its payload), the build
// and the server's configuration (fixed for the process). Every answer carries the nonce of its
// own Content-Security-Policy: the copy's nonce is replaced by a fresh one each time.
//
// Not from here: anything with a session cookie (a signed-in reader is sent on to /apps, an
// expired one is shown the page by a real render), a notice or error in the query, navigations
// inside the app (RSC requests: a refresh answered with HTML makes Next.js reload the whole
// page), fetches that are not a document load, server actions and other methods.
//
// Only the front can tell: Next.js's proxy (middleware) sees requests with the router's headers
// and `_rsc` already taken off, so a refresh there looks like a page load.

const PATH = "/login";
const MAX_PAGES = 64;
const MAX_CALLBACK_LENGTH = 512;
const FILL_TIMEOUT_MS = 10_000;
// Headers of the render that belong to that one answer or connection, not to the page.
const NOT_KEPT_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "etag",
  "server-timing",
  "set-cookie",
]);
const SESSION_COOKIES = [SESSION_COOKIE, SECURE_SESSION_COOKIE];
// Next.js's headers on requests made by its client router, and server actions.
const APP_REQUEST_HEADERS = [
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
];

// `headers`: the render's own answer headers (security headers, policy, caching), sent with
// every answer from the copy.
export type Page = { html: string; nonce: string; headers: [string, string][] };

type Store = { pages: Map<string, Page>; filling: Map<string, Promise<Page | null>> };

// One store per process, whatever number of times the bundler instantiates this module.
const STORE_KEY = Symbol.for("slipway.login-page-cache");
function store(): Store {
  const holder = globalThis as { [STORE_KEY]?: Store };
  holder[STORE_KEY] ??= { pages: new Map(), filling: new Map() };
  return holder[STORE_KEY];
}

export type LoginPageRequest = { key: string; locale: string; timeZone: string | null; search: string };

// The Cookie header as Next.js reads it (its RequestCookies, from @edge-runtime/cookies, which
// only an internal path exports): pairs split at "; ", a name without a value is "true", the
// last of a name wins, a value that does not decode is left out. The copy must be kept by the
// language the render would read.
export function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of header.split(/; */)) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    if (at === -1) {
      cookies.set(pair, "true");
      continue;
    }
    try {
      cookies.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      // left out, as Next.js does
    }
  }
  return cookies;
}

// What a copy of the page would be kept by, or null when this request must be rendered.
export function loginPageRequestOf(request: IncomingMessage): LoginPageRequest | null {
  if (request.method !== "GET" || !request.url?.startsWith(PATH)) return null;
  const header = (name: string) => {
    const value = request.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  };
  const cookies = parseCookies(header("cookie") ?? "");
  let url: URL;
  try {
    url = new URL(request.url, "http://front.invalid");
  } catch {
    return null;
  }
  if (url.pathname !== PATH) return null;
  if (APP_REQUEST_HEADERS.some((name) => header(name) !== null)) return null;
  // A browser says what it loads: only a document load gets the copy (not a fetch, a frame, an
  // image). Clients that do not say (curl, monitors) are asking for the page.
  const destination = header("sec-fetch-dest");
  if (destination !== null && destination !== "document") return null;
  if ([...cookies.keys()].some((cookie) => SESSION_COOKIES.some((name) => cookie.startsWith(name)))) return null;
  for (const [name, value] of url.searchParams)
    if (name !== "callbackUrl" || value.length > MAX_CALLBACK_LENGTH) return null;
  if (url.searchParams.getAll("callbackUrl").length > 1) return null;
  const localeCookie = cookies.get(LOCALE_COOKIE);
  const locale = isLocale(localeCookie) ? localeCookie : negotiateLocale(header("accept-language"));
  const zoneCookie = cookies.get(TIME_ZONE_COOKIE);
  const timeZone = isTimeZone(zoneCookie) && zoneCookie !== DEFAULT_TIME_ZONE ? zoneCookie : null;
  const search = url.search;
  return { key: JSON.stringify([locale, timeZone, search]), locale, timeZone, search };
}

// The page for this request, from the copies or rendered now (one render for many callers
// asking at once); null when it could not be rendered as a plain page, and the caller lets
// Next.js answer the request itself.
export async function loginPage(page: LoginPageRequest, origin: string): Promise<(Page & { fresh: boolean }) | null> {
  const { pages, filling } = store();
  const kept = pages.get(page.key);
  if (kept) {
    // Most recently used last: the first key is the one to drop.
    pages.delete(page.key);
    pages.set(page.key, kept);
    return { ...kept, fresh: false };
  }
  let pending = filling.get(page.key);
  if (!pending) {
    pending = render(page, origin).finally(() => filling.delete(page.key));
    filling.set(page.key, pending);
  }
  const rendered = await pending;
  if (rendered && !pages.has(page.key)) {
    pages.set(page.key, rendered);
    while (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string);
  }
  return rendered && { ...rendered, fresh: true };
}

// The page with a fresh nonce: the copy's nonce, wherever Next.js wrote it (script tags, the
// payload), becomes this answer's.
export function withNonce(page: Page, nonce: string): string {
  return page.nonce ? page.html.replaceAll(page.nonce, nonce) : page.html;
}

// The render's answer headers with the same nonce (its Content-Security-Policy names it).
export function headersWithNonce(page: Page, nonce: string): [string, string][] {
  return page.headers.map(([name, value]) => [name, page.nonce ? value.replaceAll(page.nonce, nonce) : value]);
}

async function render(page: LoginPageRequest, origin: string): Promise<Page | null> {
  const cookies = [`${LOCALE_COOKIE}=${page.locale}`];
  if (page.timeZone) cookies.push(`${TIME_ZONE_COOKIE}=${page.timeZone}`);
  try {
    const response = await fetch(new URL(`${PATH}${page.search}`, origin), {
      headers: {
        accept: "text/html",
        "accept-encoding": "identity",
        cookie: cookies.join("; "),
      },
      redirect: "manual",
      signal: AbortSignal.timeout(FILL_TIMEOUT_MS),
    });
    const html = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !contentType.startsWith("text/html") || response.headers.has("set-cookie"))
      return null;
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "";
    const headers = [...response.headers].filter(([name]) => !NOT_KEPT_HEADERS.has(name));
    return { html, nonce, headers };
  } catch {
    return null;
  }
}

// For tests: forget every copy.
export function clearLoginPages(): void {
  store().pages.clear();
}
