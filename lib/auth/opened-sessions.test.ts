import { describe, expect, it } from "vitest";
import { MAX_ENTRIES, openedSessions } from "./opened-sessions";

// A stand-in for next-auth's decode: counts how often a token is really opened.
function opener(claims: (token: string) => { uid: string; sv: number; exp: number } | null) {
  const opens: string[] = [];
  return {
    opens,
    open: async (token: string) => {
      opens.push(token);
      return claims(token);
    },
  };
}

describe("opened session cookies", () => {
  it("opens a cookie once, and again after it expired (then refused, as decode refuses it)", async () => {
    let now = 1_000_000_000_000;
    const exp = now / 1000 + 60;
    let expired = false;
    const { opens, open } = opener(() => (expired ? null : { uid: "u1", sv: 1, exp }));
    const openSession = openedSessions(open, () => now);
    expect(await openSession("cookie-a")).toMatchObject({ uid: "u1" });
    expect(await openSession("cookie-a")).toMatchObject({ uid: "u1" });
    expect(opens).toEqual(["cookie-a"]);
    // Within decode's 15 s of clock tolerance the cookie is still good; after it, opened again.
    now += 70_000;
    expect(await openSession("cookie-a")).toMatchObject({ uid: "u1" });
    expect(opens).toHaveLength(1);
    now += 10_000;
    expired = true;
    expect(await openSession("cookie-a")).toBeNull();
    expect(opens).toEqual(["cookie-a", "cookie-a"]);
  });

  it("keeps nothing for a cookie that does not open, and only so many cookies", async () => {
    const exp = Date.now() / 1000 + 3600;
    const { opens, open } = opener((token) => (token.startsWith("bad") ? null : { uid: token, sv: 1, exp }));
    const openSession = openedSessions(open);
    expect(await openSession("bad-1")).toBeNull();
    expect(await openSession("bad-1")).toBeNull();
    expect(opens).toEqual(["bad-1", "bad-1"]);
    for (let i = 0; i <= MAX_ENTRIES; i++) await openSession(`good-${i}`);
    opens.length = 0;
    // The first one was pushed out by the one over the limit; the last is still kept.
    await openSession(`good-${MAX_ENTRIES}`);
    await openSession("good-0");
    expect(opens).toEqual(["good-0"]);
  });
});
