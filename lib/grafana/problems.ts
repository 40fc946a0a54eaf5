import type { MessageKey } from "@/lib/i18n/locales";

// What a Grafana check or a marker attempt found, stored as a message key and its values so
// each reader sees it in their language.
export type GrafanaProblem = { key: MessageKey; values?: Record<string, string | number> };

export type GrafanaCheck = {
  ok: boolean;
  version: string | null;
  // Whether people must sign in to Grafana to see a panel (its session cookie then matters).
  signIn: "anonymous" | "required" | "unknown";
  problems: GrafanaProblem[];
  notes: GrafanaProblem[];
};
