import { describe, expect, it } from "vitest";
import {
  formatAgo,
  formatDateTime,
  formatDuration,
  formatFull,
  formatIsoInZone,
  formatTimeOfDay,
  isTimeZone,
  parseInZone,
  timeZoneChoices,
} from "./clock";
import { translator } from "./locales";

// 2026-03-05 22:12:51 UTC: already the next day in Shanghai.
const AT = "2026-03-05T22:12:51.250Z";

describe("the one clock", () => {
  it("shows a moment in the viewer's zone, one format in both languages", () => {
    const shanghai = { locale: "zh-CN", timeZone: "Asia/Shanghai" } as const;
    const berlin = { locale: "en", timeZone: "Europe/Berlin" } as const;
    expect(formatDateTime(AT, shanghai)).toBe("2026-03-06 06:12:51");
    expect(formatDateTime(AT, { ...shanghai, locale: "en" })).toBe("2026-03-06 06:12:51");
    expect(formatDateTime(AT, berlin)).toBe("2026-03-05 23:12:51");
    expect(formatDateTime(AT, { locale: "en", timeZone: "UTC" })).toBe("2026-03-05 22:12:51");
    expect(formatTimeOfDay(new Date(AT), shanghai)).toBe("06:12:51");
  });

  it("names the zone and its offset in tooltips and exports, daylight saving included", () => {
    expect(formatFull(AT, { locale: "zh-CN", timeZone: "Asia/Shanghai" })).toBe(
      "2026-03-06 06:12:51 Asia/Shanghai (UTC+08:00)",
    );
    expect(formatFull(AT, { locale: "en", timeZone: "UTC" })).toBe("2026-03-05 22:12:51 UTC (UTC+00:00)");
    expect(formatIsoInZone("2026-07-01T12:00:00Z", { locale: "en", timeZone: "America/New_York" })).toBe(
      "2026-07-01T08:00:00-04:00",
    );
    expect(formatIsoInZone("2026-01-01T12:00:00Z", { locale: "en", timeZone: "America/New_York" })).toBe(
      "2026-01-01T07:00:00-05:00",
    );
    expect(formatIsoInZone("2026-01-01T00:30:00Z", { locale: "en", timeZone: "Asia/Kolkata" })).toBe(
      "2026-01-01T06:00:00+05:30",
    );
  });

  it("says how long something took in each language, never 0 s", () => {
    const en = translator("en");
    const zh = translator("zh-CN");
    expect(formatDuration(0, en)).toBe("under 1 s");
    expect(formatDuration(400, zh)).toBe("不到 1 秒");
    expect(formatDuration(45_900, en)).toBe("45 s");
    expect(formatDuration(45_900, zh)).toBe("45 秒");
    expect(formatDuration(125_000, en)).toBe("2 min 5 s");
    expect(formatDuration(125_000, zh)).toBe("2 分 5 秒");
    expect(formatDuration(3_840_000, zh)).toBe("1 小时 4 分");
    expect(formatDuration(3 * 86_400_000, en)).toBe("3 d 0 h");
  });

  it("says how long ago in each language", () => {
    const now = new Date(AT);
    const before = (ms: number) => new Date(now.getTime() - ms);
    expect(formatAgo(before(3_000), now, translator("en"))).toBe("just now");
    expect(formatAgo(before(21 * 60_000), now, translator("en"))).toBe("21 min ago");
    expect(formatAgo(before(21 * 60_000), now, translator("zh-CN"))).toBe("21 分钟前");
    expect(formatAgo(before(5 * 3_600_000), now, translator("zh-CN"))).toBe("5 小时前");
    expect(formatAgo(before(3 * 86_400_000), now, translator("en"))).toBe("3 days ago");
  });

  it("reads a typed date and time in the viewer's zone", () => {
    expect(parseInZone("2026-03-06T06:12", "Asia/Shanghai")?.toISOString()).toBe("2026-03-05T22:12:00.000Z");
    expect(parseInZone("2026-07-01T08:00:30", "America/New_York")?.toISOString()).toBe("2026-07-01T12:00:30.000Z");
    expect(parseInZone("2026-01-01T07:00", "America/New_York")?.toISOString()).toBe("2026-01-01T12:00:00.000Z");
    expect(parseInZone("2026-01-01T07:00:00+01:00", "Asia/Shanghai")?.toISOString()).toBe("2026-01-01T06:00:00.000Z");
    expect(parseInZone("yesterday", "UTC")).toBeNull();
  });

  it("knows which zones exist", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(timeZoneChoices()).toContain("Asia/Shanghai");
    expect(timeZoneChoices()[0]).toBe("UTC");
  });
});
