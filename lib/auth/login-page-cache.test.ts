import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearLoginPages, loginPage, loginPageRequestOf, parseCookies, withNonce } from "./login-page-cache";

// The render the proxy asks its own server for, played by a loopback server that answers as
// `next start` does: the page with the nonce of its Content-Security-Policy in it.
type Seen = { url: string; cookie: string };
let server: Server;
let origin: string;
let seen: Seen[] = [];
let answer: (request: IncomingMessage, nonce: string) => { status: number; headers: Record<string, string> } = () => ({
  status: 200,
  headers: {},
});
let delayMs = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const nonce = `n${seen.length}${Math.random().toString(36).slice(2)}`;
    seen.push({
      url: request.url ?? "",
      cookie: request.headers.cookie ?? "",
    });
    const { status, headers } = answer(request, nonce);
    setTimeout(() => {
      response.writeHead(status, {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        ...headers,
      });
      response.end(
        `<html><script nonce="${nonce}">self.__next_f.push([1,"${request.url} ${request.headers.cookie}"])</script>` +
          `<link nonce="${nonce}"></html>`,
      );
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  clearLoginPages();
  seen = [];
  delayMs = 0;
  answer = () => ({ status: 200, headers: {} });
});

// A request as the front's HTTP server receives it.
function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return { method: init.method ?? "GET", url: path, headers: init.headers ?? {} } as unknown as IncomingMessage;
}
const loginPageRequest = loginPageRequestOf;

describe("which requests the kept sign-in page answers", () => {
  it("keeps one copy per language, time zone and return address", () => {
    const plain = loginPageRequest(request("/login"))!;
    expect(plain).toMatchObject({ locale: "en", timeZone: null, search: "" });
    const chinese = loginPageRequest(request("/login", { headers: { "accept-language": "zh-CN,zh;q=0.9" } }))!;
    expect(chinese.locale).toBe("zh-CN");
    const chosen = loginPageRequest(
      request("/login", { headers: { cookie: "slipway-locale=zh-CN; slipway-tz=Asia/Shanghai" } }),
    )!;
    expect(chosen).toMatchObject({ locale: "zh-CN", timeZone: "Asia/Shanghai" });
    const back = loginPageRequest(request("/login?callbackUrl=%2Freleases"))!;
    expect(back.search).toBe("?callbackUrl=%2Freleases");
    expect(new Set([plain.key, chinese.key, chosen.key, back.key]).size).toBe(4);
    // The language cookie wins over the browser's languages, as lib/i18n/server.ts has it.
    expect(
      loginPageRequest(request("/login", { headers: { cookie: "slipway-locale=en", "accept-language": "zh-CN" } }))!
        .key,
    ).toBe(plain.key);
    // Cookies read as Next.js reads them for the render: the last of a name wins.
    expect(
      loginPageRequest(request("/login", { headers: { cookie: "slipway-locale=en; slipway-locale=zh-CN" } }))!.locale,
    ).toBe("zh-CN");
    // A zone the server does not know reads as UTC, which is what a browser without the cookie gets.
    expect(loginPageRequest(request("/login", { headers: { cookie: "slipway-tz=Mars/Olympus" } }))!.key).toBe(
      plain.key,
    );
  });

  it("leaves signed-in readers, notices, navigations, actions and other pages to Next.js", () => {
    const rendered = [
      request("/login", { headers: { cookie: "next-auth.session-token=abc" } }),
      request("/login", { headers: { cookie: "__Secure-next-auth.session-token.0=abc" } }),
      request("/login?error=CredentialsSignin"),
      request("/login?notice=password-changed"),
      request("/login?callbackUrl=/a&callbackUrl=/b"),
      request(`/login?callbackUrl=${"x".repeat(600)}`),
      request("/login?_rsc=1x2y"),
      request("/login", { headers: { rsc: "1" } }),
      request("/login", { headers: { "next-router-prefetch": "1" } }),
      request("/login", { method: "POST", headers: { "next-action": "abc" } }),
      request("/login", { method: "HEAD" }),
      // A browser's fetch of the page (a script, the router) rather than a document load.
      request("/login", { headers: { "sec-fetch-dest": "empty" } }),
      request("/login", { headers: { "sec-fetch-dest": "iframe" } }),
      request("/login/"),
      request("/apps"),
    ];
    for (const each of rendered) expect(loginPageRequest(each), JSON.stringify(each.headers)).toBeNull();
    expect(loginPageRequest(request("/login", { headers: { "sec-fetch-dest": "document" } }))).not.toBeNull();
  });
});

describe("the kept sign-in page", () => {
  it("is rendered once, by a request that carries the page's language, and then served with a fresh nonce", async () => {
    const asked = loginPageRequest(
      request("/login?callbackUrl=%2Freleases", {
        headers: { cookie: "slipway-tz=Asia/Shanghai", "accept-language": "zh-CN" },
      }),
    )!;
    const [first, second] = await Promise.all([loginPage(asked, origin), loginPage(asked, origin)]);
    const third = await loginPage(asked, origin);
    expect(seen).toHaveLength(1);
    const [render] = seen;
    expect(render!.url).toBe("/login?callbackUrl=%2Freleases");
    expect(render!.cookie).toBe("slipway-locale=zh-CN; slipway-tz=Asia/Shanghai");
    expect([first?.fresh, second?.fresh, third?.fresh]).toEqual([true, true, false]);

    const page = third!;
    const served = withNonce(page, "FRESH");
    expect(served).not.toContain(page.nonce);
    expect(served.match(/FRESH/g)).toHaveLength(2);
    expect(served).toContain("/login?callbackUrl=%2Freleases slipway-locale=zh-CN");
  });

  it("does not keep an answer that is not a plain page, and asks again next time", async () => {
    const asked = loginPageRequest(request("/login"))!;
    const replies: { status: number; headers: Record<string, string> }[] = [
      { status: 307, headers: { location: "/apps" } },
      { status: 500, headers: {} },
      { status: 200, headers: { "set-cookie": "a=b" } },
      { status: 200, headers: { "content-type": "application/json" } },
    ];
    for (const reply of replies) {
      answer = () => reply;
      expect(await loginPage(asked, origin), JSON.stringify(reply)).toBeNull();
    }
    answer = () => ({ status: 200, headers: {} });
    expect((await loginPage(asked, origin))?.fresh).toBe(true);
    expect(seen).toHaveLength(5);
  });

  it("gives up on a server it cannot reach, so Next.js renders the page itself", async () => {
    const asked = loginPageRequest(request("/login"))!;
    expect(await loginPage(asked, "http://127.0.0.1:1")).toBeNull();
  });

  it("keeps at most 64 copies, dropping the one used longest ago", async () => {
    const first = loginPageRequest(request("/login?callbackUrl=%2F0"))!;
    await loginPage(first, origin);
    for (let i = 1; i <= 64; i++) {
      await loginPage(loginPageRequest(request(`/login?callbackUrl=%2F${i}`))!, origin);
      // The first copy is used again after the 32nd: it is then not the oldest.
      if (i === 32) expect((await loginPage(first, origin))?.fresh).toBe(false);
    }
    expect(seen).toHaveLength(65);
    expect((await loginPage(first, origin))?.fresh).toBe(false);
    // The copy dropped for the 65th was the one of /1, used longest ago.
    expect((await loginPage(loginPageRequest(request("/login?callbackUrl=%2F1"))!, origin))?.fresh).toBe(true);
  });
});

describe("the Cookie header", () => {
  it("reads as Next.js's RequestCookies reads it", async () => {
    const { RequestCookies } = await import("next/dist/compiled/@edge-runtime/cookies");
    const headers = [
      "a=1; b=2",
      "a=1;b=2;  c=3",
      "a=1; a=2",
      "flag; a=%E4%B8%AD",
      "bad=%E4%B8; good=%41",
      "a=x=y; ;; b=",
      "",
    ];
    for (const header of headers) {
      const theirs = new RequestCookies(new Headers({ cookie: header }));
      expect(Object.fromEntries(parseCookies(header)), header).toEqual(
        Object.fromEntries(theirs.getAll().map((cookie) => [cookie.name, cookie.value])),
      );
    }
  });
});
