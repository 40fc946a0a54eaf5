import { describe, expect, it } from "vitest";
import { en } from "./messages/en";
import { zhCN } from "./messages/zh-CN";
import { format, negotiateLocale } from "./locales";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n", () => {
  it("zh-CN has every key, none empty, with the same placeholders as English", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const zh = zhCN[key as keyof typeof en];
      expect(zh.trim(), key).not.toBe("");
      expect(placeholders(zh), key).toEqual(placeholders(text));
    }
  });

  it("follows the browser's preference order", () => {
    expect(negotiateLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("zh-TW")).toBe("zh-CN");
    expect(negotiateLocale("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(negotiateLocale("fr-FR,zh;q=0.5")).toBe("zh-CN");
    expect(negotiateLocale("de-DE")).toBe("en");
    expect(negotiateLocale("en;q=0.2,zh;q=0.9")).toBe("zh-CN");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("Try again in {seconds} seconds", { seconds: 30 })).toBe("Try again in 30 seconds");
    expect(format("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
