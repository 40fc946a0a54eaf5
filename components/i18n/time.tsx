"use client";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { formatAgo, formatDateTime, formatFull, formatTimeOfDay } from "@/lib/i18n/clock";

// Every time on a page goes through these: one format, the viewer's zone, the zone in the
// tooltip. Server pages use them too (rendered on the server with the same clock).
export function Time({ value, timeOnly = false }: { value: string | Date; timeOnly?: boolean }) {
  const { clock } = useI18n();
  const iso = value instanceof Date ? value.toISOString() : value;
  return (
    <time dateTime={iso} title={formatFull(iso, clock)} className="whitespace-nowrap tabular-nums">
      {timeOnly ? formatTimeOfDay(iso, clock) : formatDateTime(iso, clock)}
    </time>
  );
}

// "21 min ago", counted from the moment the server rendered the page (so the first render
// matches), then kept current.
export function Ago({ value, now }: { value: string | Date; now: string | Date }) {
  const { t, clock } = useI18n();
  const iso = value instanceof Date ? value.toISOString() : value;
  const [current, setCurrent] = useState(() => (now instanceof Date ? now.toISOString() : now));
  useEffect(() => {
    const timer = setInterval(() => setCurrent(new Date().toISOString()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={iso} title={formatFull(iso, clock)} className="whitespace-nowrap">
      {formatAgo(iso, current, t)}
    </time>
  );
}
