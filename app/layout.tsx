import type { Metadata } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { TimeZoneSync } from "@/components/i18n/time-zone-sync";
import { getLocale, getTimeZone } from "@/lib/i18n/server";
import "./globals.css";

// Every page depends on the session and the user's language.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Slipway",
  description: "Release console",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const { timeZone, chosen } = await getTimeZone();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <I18nProvider locale={locale} timeZone={timeZone} timeZoneChosen={chosen}>
          <TimeZoneSync />
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
