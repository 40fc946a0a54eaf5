"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/clock";

// Until a person chooses a zone in their profile, times are shown in their browser's zone: the
// browser tells the server in a cookie (on the first page, before any time is shown) and the
// page renders again in that zone.
export function TimeZoneSync() {
  const { clock, timeZoneChosen } = useI18n();
  const router = useRouter();
  useEffect(() => {
    if (timeZoneChosen) return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browser || browser === clock.timeZone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browser)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [clock.timeZone, timeZoneChosen, router]);
  return null;
}
