import "server-only";
import { AppError } from "@/lib/errors";

// The editor's schema box holds JSON; a syntax error names its line and column.
export function parseJsonField(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 reports "at position N", or nothing when the text simply ends too early.
    const position =
      /position (\d+)/.exec(message)?.[1] ?? (/end of JSON input/.test(message) ? String(text.length) : undefined);
    let where = "";
    if (position) {
      const before = text.slice(0, Number(position)).split("\n");
      where = ` at line ${before.length}, column ${(before[before.length - 1] ?? "").length + 1}`;
    }
    throw new AppError("invalid_input", `Not valid JSON${where}: ${message}`, { field });
  }
}
