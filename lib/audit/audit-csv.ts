import { formatIsoInZone, type Clock } from "@/lib/i18n/clock";
import { renderMessage, type RenderContext } from "@/lib/i18n/stored-message";
import type { AuditRow } from "@/lib/services/audit/list-audit-events";
import { auditSentence } from "./audit-sentence";

// The export is for people and for scripts: the sentence in the reader's language beside the
// raw action and values; times in the reader's zone, with their offset, the zone named in the
// header.
const COLUMNS = [
  "event",
  "actor",
  "action",
  "app",
  "environment",
  "target_type",
  "target_id",
  "target",
  "before",
  "after",
  "request_id",
  "ip",
] as const;

// RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it.
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsvHeader(clock: Clock): string {
  return `${[`time (${clock.timeZone})`, ...COLUMNS].map(csvCell).join(",")}\r\n`;
}

export function auditCsvRow(row: AuditRow, context: RenderContext): string {
  return (
    [
      formatIsoInZone(row.at, context.clock),
      renderMessage(auditSentence(row), context),
      row.actorLabel,
      row.action,
      row.app ? `${row.app.team}/${row.app.name}` : null,
      row.environment?.name,
      row.targetType,
      row.targetId,
      row.targetLabel,
      row.before,
      row.after,
      row.requestId,
      row.ip,
    ]
      .map(csvCell)
      .join(",") + "\r\n"
  );
}
