import { Time } from "@/components/i18n/time";

// A time that may be missing (an ISO string or null), by the one clock: the reader's zone, the
// zone in the tooltip.
export function LocalTime({ iso }: { iso: string | null }) {
  return iso ? <Time value={iso} /> : null;
}
