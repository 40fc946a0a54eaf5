"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { format, type Locale, type MessageKey, type Messages, type Translate } from "@/lib/i18n/locales";

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({ locale, t: ((key: MessageKey, values) => format(messages[key], values)) as Translate }),
    [locale, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
