import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getCurrentUser } from "@/lib/auth/session";
import { DEFAULT_TIME_ZONE, TIME_ZONE_COOKIE, isTimeZone, type Clock } from "./clock";
import { LOCALE_COOKIE, isLocale, negotiateLocale, translator, type Locale } from "./locales";
import { renderMessage, type StoredMessage } from "./stored-message";

// The user's saved choice wins, then the cookie (set by the switcher before sign-in), then the
// browser's Accept-Language.
export const getLocale = cache(async (): Promise<Locale> => {
  const user = await getCurrentUser();
  if (user && isLocale(user.locale)) return user.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale((await headers()).get("accept-language"));
});

// The zone every time is shown in: the user's profile setting, else the browser's own zone
// (which the page reports in a cookie, see components/i18n/time-zone-sync.tsx), else UTC until
// the browser has said. `chosen` tells the browser whether to keep reporting its zone.
export const getTimeZone = cache(async (): Promise<{ timeZone: string; chosen: boolean }> => {
  const user = await getCurrentUser();
  if (user && isTimeZone(user.timeZone)) return { timeZone: user.timeZone, chosen: true };
  const cookie = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return { timeZone: isTimeZone(cookie) ? cookie : DEFAULT_TIME_ZONE, chosen: false };
});

export async function getI18n() {
  const locale = await getLocale();
  const { timeZone } = await getTimeZone();
  const t = translator(locale);
  const clock: Clock = { locale, timeZone };
  return { locale, t, clock, render: (stored: StoredMessage) => renderMessage(stored, { t, clock }) };
}
