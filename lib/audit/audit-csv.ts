import type { AuditRow } from "@/lib/services/audit/list-audit-events";

const COLUMNS = [
  "time",
  "actor",
  "action",
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

export function auditCsvHeader(): string {
  return `${COLUMNS.join(",")}\r\n`;
}

export function auditCsvRow(row: AuditRow): string {
  return (
    [
      row.at.toISOString(),
      row.actorLabel,
      row.action,
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
