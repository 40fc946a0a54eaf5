import type { Locale, Translate } from "./locales";

// One clock for every time Slipway shows: the viewer's time zone (their profile setting, else
// their browser's), one date format in both languages, and the zone named wherever a time
// needs it (tooltips, exports). The server renders with the same zone the browser gets, so a
// page hydrates without a mismatch. Pure functions: used by server pages, client components
// and the CSV export alike.
export type Clock = { locale: Locale; timeZone: string };

export const DEFAULT_TIME_ZONE = "UTC";
export const TIME_ZONE_COOKIE = "slipway-tz";

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

type Parts = { year: string; month: string; day: string; hour: string; minute: string; second: string };

// Intl formatters are costly to build; a page shows hundreds of times in a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string, withOffset: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withOffset}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      ...(withOffset ? { timeZoneName: "longOffset" } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

function partsOf(value: Date | string | number, timeZone: string): Parts & { offset: string } {
  const found: Record<string, string> = {};
  for (const part of formatterFor(timeZone, true).formatToParts(toDate(value))) found[part.type] = part.value;
  // "GMT+08:00", or "GMT" for UTC itself.
  const gmt = found.timeZoneName ?? "GMT";
  const offset = gmt === "GMT" ? "+00:00" : gmt.slice(3);
  return {
    year: found.year ?? "",
    month: found.month ?? "",
    day: found.day ?? "",
    hour: found.hour === "24" ? "00" : (found.hour ?? ""),
    minute: found.minute ?? "",
    second: found.second ?? "",
    offset,
  };
}

/** 2026-03-05 14:07:09 in the viewer's zone: the one format for a point in time. */
export function formatDateTime(value: Date | string | number, clock: Clock): string {
  const p = partsOf(value, clock.timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** 2026-03-05 */
export function formatDate(value: Date | string | number, clock: Clock): string {
  const p = partsOf(value, clock.timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 14:07:09, for entries of one short stretch of time (a release's timeline). */
export function formatTimeOfDay(value: Date | string | number, clock: Clock): string {
  const p = partsOf(value, clock.timeZone);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** UTC+08:00: the zone's offset at that moment. */
export function formatOffset(value: Date | string | number, clock: Clock): string {
  return `UTC${partsOf(value, clock.timeZone).offset}`;
}

/** Asia/Shanghai (UTC+08:00): the zone and its offset at that moment. */
export function formatZone(value: Date | string | number, clock: Clock): string {
  return `${clock.timeZone} (${formatOffset(value, clock)})`;
}

/** The tooltip of every time shown: date, time and zone. */
export function formatFull(value: Date | string | number, clock: Clock): string {
  return `${formatDateTime(value, clock)} ${formatZone(value, clock)}`;
}

/** 2026-03-05T14:07:09+08:00: for exports, readable and unambiguous. */
export function formatIsoInZone(value: Date | string | number, clock: Clock): string {
  const p = partsOf(value, clock.timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.offset}`;
}

/** How long something took: "under 1 s", "45 s", "2 min 5 s", "1 h 4 min"; in the catalogue's words. */
export function formatDuration(ms: number, t: Translate): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return t("time.underSecond");
  if (seconds < 60) return t("time.seconds", { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("time.minutesSeconds", { m: minutes, s: seconds % 60 });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t("time.hoursMinutes", { h: hours, m: minutes % 60 });
  return t("time.daysHours", { d: Math.floor(hours / 24), h: hours % 24 });
}

/** How long ago: "just now", "21 min ago", "3 h ago", "2 days ago". */
export function formatAgo(value: Date | string | number, now: Date | string | number, t: Translate): string {
  const seconds = Math.floor((toDate(now).getTime() - toDate(value).getTime()) / 1000);
  if (seconds < 10) return t("time.justNow");
  if (seconds < 60) return t("time.secondsAgo", { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("time.minutesAgo", { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t("time.hoursAgo", { n: hours });
  return t("time.daysAgo", { n: Math.floor(hours / 24) });
}

/** The zones a person may choose from (ICU's list leaves out UTC itself). */
export function timeZoneChoices(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
}

function offsetMinutes(at: number, timeZone: string): number {
  const [sign, hours, minutes] = /([+-])(\d\d):(\d\d)/.exec(partsOf(at, timeZone).offset)?.slice(1) ?? ["+", "0", "0"];
  return (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** A date and time as a person typed it (a datetime-local field, "2026-03-05T14:07"), read in
 * their zone; an ISO time with its own offset stays what it says. */
export function parseInZone(text: string, timeZone: string): Date | null {
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!local) {
    const parsed = new Date(text);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  }
  const [year, month, day, hour, minute, second] = local.slice(1).map((part) => Number(part ?? 0)) as number[];
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  // The zone's offset at that wall time; asked twice for the hours around a change of offset.
  const first = wall - offsetMinutes(wall, timeZone) * 60_000;
  return new Date(wall - offsetMinutes(first, timeZone) * 60_000);
}
