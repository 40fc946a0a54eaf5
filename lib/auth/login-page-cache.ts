import "server-only";
import { randomBytes } from "node:crypto";
import type { NextRequest } from "next/server";
import { DEFAULT_TIME_ZONE, TIME_ZONE_COOKIE, isTimeZone } from "@/lib/i18n/clock";
import { LOCALE_COOKIE, isLocale, negotiateLocale } from "@/lib/i18n/locales";

// The sign-in page as a signed-out browser asks for it, rendered once per language, time zone
// and return address and then answered from memory by the proxy (proxy.ts).
//
// Why: the server is one Node.js event loop. A sign-in page rendered by Next.js and React takes
// a dozen turns of that loop, and while five people page through the app list each turn waits
// behind their renders: bench/scale measured `/login` at 8 ms alone and 124 ms beside five
// listing users. Answered from here it takes one turn.
//
// What the page depends on, and so what a copy is kept by: the language and time zone (from
// their cookies, else Accept-Language and UTC, as lib/i18n/server.ts resolves them for a
// signed-out reader), the path and query (Next.js writes the URL into its payload), the build
// and the server's configuration (fixed for the process). Every answer carries the nonce of its
// own Content-Security-Policy: the copy's nonce is replaced by a fresh one each time.
//
// Not from here: anything with a session cookie (a signed-in reader is sent on to /apps, an
// expired one is shown the page by a real render), a notice or error in the query, navigations
// inside the app (RSC requests), server actions and other methods, and the development server.

const PATH = "/login";
const MAX_PAGES = 64;
const MAX_CALLBACK_LENGTH = 512;
const FILL_TIMEOUT_MS = 10_000;
// The header that marks the proxy's own request for a fresh render, with a value only this
// process knows: such a request is rendered, never answered from the copies.
const FILL_HEADER = "x-slipway-login-render";
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
// Next.js's headers on requests made by its client router, and server actions.
const APP_REQUEST_HEADERS = [
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
];

type Page = { html: string; nonce: string; contentType: string };

type Store = { token: string; pages: Map<string, Page>; filling: Map<string, Promise<Page | null>> };

// One store per process, whatever number of times the bundler instantiates this module.
const STORE_KEY = Symbol.for("slipway.login-page-cache");
function store(): Store {
  const holder = globalThis as { [STORE_KEY]?: Store };
  holder[STORE_KEY] ??= { token: randomBytes(24).toString("base64url"), pages: new Map(), filling: new Map() };
  return holder[STORE_KEY];
}

export function loginPageCacheEnabled(): boolean {
  return process.env.NODE_ENV === "production" && process.env.SLIPWAY_LOGIN_PAGE_CACHE !== "off";
}

export type LoginPageRequest = { key: string; locale: string; timeZone: string | null; search: string };

// What a copy of the page would be kept by, or null when this request must be rendered.
export function loginPageRequest(request: NextRequest): LoginPageRequest | null {
  if (request.method !== "GET" || request.nextUrl.pathname !== PATH) return null;
  const headers = request.headers;
  if (headers.get(FILL_HEADER) === store().token) return null;
  if (APP_REQUEST_HEADERS.some((name) => headers.has(name))) return null;
  if (request.cookies.getAll().some((cookie) => SESSION_COOKIES.some((name) => cookie.name.startsWith(name))))
    return null;
  for (const [name, value] of request.nextUrl.searchParams)
    if (name !== "callbackUrl" || value.length > MAX_CALLBACK_LENGTH) return null;
  if (request.nextUrl.searchParams.getAll("callbackUrl").length > 1) return null;
  const localeCookie = request.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(localeCookie) ? localeCookie : negotiateLocale(headers.get("accept-language"));
  const zoneCookie = request.cookies.get(TIME_ZONE_COOKIE)?.value;
  const timeZone = isTimeZone(zoneCookie) && zoneCookie !== DEFAULT_TIME_ZONE ? zoneCookie : null;
  const search = request.nextUrl.search;
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

async function render(page: LoginPageRequest, origin: string): Promise<Page | null> {
  const cookies = [`${LOCALE_COOKIE}=${page.locale}`];
  if (page.timeZone) cookies.push(`${TIME_ZONE_COOKIE}=${page.timeZone}`);
  try {
    const response = await fetch(new URL(`${PATH}${page.search}`, origin), {
      headers: {
        accept: "text/html",
        "accept-encoding": "identity",
        cookie: cookies.join("; "),
        [FILL_HEADER]: store().token,
      },
      redirect: "manual",
      signal: AbortSignal.timeout(FILL_TIMEOUT_MS),
    });
    const html = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !contentType.startsWith("text/html") || response.headers.has("set-cookie"))
      return null;
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "";
    return { html, nonce, contentType };
  } catch {
    return null;
  }
}

// Where the proxy reaches its own server: the address `next start` listens on.
export function ownServerOrigin(): string | null {
  if (process.env.__NEXT_PRIVATE_ORIGIN) return process.env.__NEXT_PRIVATE_ORIGIN;
  return process.env.PORT ? `http://localhost:${process.env.PORT}` : null;
}

// For tests: forget every copy.
export function clearLoginPages(): void {
  store().pages.clear();
}
