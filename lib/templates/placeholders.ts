export type PathExpr = { text: string; root: string; segments: readonly string[] };

// Record keys such as "app.conf" cannot be addressed: segments are identifiers (with "-").
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*$/;

export function parsePath(text: string): PathExpr | null {
  if (!PATH.test(text)) return null;
  const [root = "", ...segments] = text.split(".");
  return { text, root, segments };
}

/** A `${{ expr }}` found in a string; `raw` is its source text, to locate it in the editor. */
export type Placeholder = { expr: string; raw: string };

export type Split =
  { kind: "none" } | { kind: "parts"; parts: (string | Placeholder)[] } | { kind: "unterminated"; raw: string };

const OPEN = "${{";
const CLOSE = "}}";

export function splitPlaceholders(text: string): Split {
  let start = text.indexOf(OPEN);
  if (start === -1) return { kind: "none" };
  const parts: (string | Placeholder)[] = [];
  let done = 0;
  while (start !== -1) {
    const end = text.indexOf(CLOSE, start + OPEN.length);
    if (end === -1) return { kind: "unterminated", raw: text.slice(start, start + 40) };
    if (start > done) parts.push(text.slice(done, start));
    const raw = text.slice(start, end + CLOSE.length);
    parts.push({ expr: raw.slice(OPEN.length, -CLOSE.length).trim(), raw });
    done = end + CLOSE.length;
    start = text.indexOf(OPEN, done);
  }
  if (done < text.length) parts.push(text.slice(done));
  return { kind: "parts", parts };
}
