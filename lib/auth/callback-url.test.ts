import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps paths on this site, with their query", () => {
    expect(safeCallbackUrl("/releases?env=prod#top")).toBe("/releases?env=prod#top");
    expect(safeCallbackUrl(undefined)).toBe("/apps");
  });

  it("sends anything that leaves the site to the apps page", () => {
    for (const url of [
      "//evil.test/phish",
      "/\\evil.test/phish",
      "/\\/evil.test",
      "https://evil.test/",
      "javascript:alert(1)",
      "/\t/evil.test",
      "evil.test",
    ])
      expect(safeCallbackUrl(url), url).toBe("/apps");
  });
});
