// An alert as lists show it, already in the reader's words.
export type AlertTableRow = {
  id: string;
  alertname: string;
  severity: string;
  status: "firing" | "resolved";
  summary: string;
  started: string;
  app: { id: string; name: string; team: string } | null;
  environment: string | null;
  muted: string | null;
  firedAfter: string | null;
};
