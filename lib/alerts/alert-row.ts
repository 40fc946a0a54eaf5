import type { StoredMessage } from "@/lib/i18n/stored-message";

// An alert as lists show it: its data, and sentences as stored messages (rendered in the
// reader's language, names and times marked as data).
export type AlertTableRow = {
  id: string;
  alertname: string;
  severity: string;
  status: "firing" | "resolved";
  summary: string;
  // ISO instant, shown by the one clock in the reader's zone.
  started: string;
  app: { id: string; name: string; team: string } | null;
  environment: string | null;
  muted: StoredMessage | null;
  firedAfter: StoredMessage | null;
};
