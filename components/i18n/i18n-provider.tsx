"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Clock } from "@/lib/i18n/clock";
import { catalogues, format, type Locale, type MessageKey, type Translate } from "@/lib/i18n/locales";

type I18n = { locale: Locale; t: Translate; clock: Clock; timeZoneChosen: boolean };

const I18nContext = createContext<I18n | null>(null);

// The reader's language and time zone, as the server rendered the page with them: the browser
// renders the same text and times, so hydration matches. The catalogues come with the client
// bundle (fetched once and cached), not with every page: passed as a prop they were most of each
// page's payload (about 120 KB of a list page's 200 KB) and of its serialization time.
export function I18nProvider({
  locale,
  timeZone,
  timeZoneChosen,
  children,
}: {
  locale: Locale;
  timeZone: string;
  timeZoneChosen: boolean;
  children: ReactNode;
}) {
  const value = useMemo(() => {
    const messages = catalogues[locale];
    return {
      locale,
      t: ((key: MessageKey, values) => format(messages[key], values)) as Translate,
      clock: { locale, timeZone },
      timeZoneChosen,
    };
  }, [locale, timeZone, timeZoneChosen]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
