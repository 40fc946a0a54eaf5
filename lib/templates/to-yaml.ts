// A YAML printer for JSON-shaped objects. Rendering must stay fast (the yaml package's
// stringify costs milliseconds per release), and output must read back identically under
// YAML 1.2 and under the YAML 1.1 rules kubectl uses, so strings are plain only when no
// reader could take them for anything else, and double-quoted (JSON escapes) otherwise.

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@+-]*(?:[ :][A-Za-z0-9_./@+-]+)*$/;
// Resource quantities ("100m", "1.5Gi") are common and no YAML reader takes them for numbers.
const QUANTITY = /^\d+(?:\.\d+)?(?:[KMGTPE]i|[numkMGTPE])$/;
// YAML 1.1 booleans and nulls in any case, and "E5", which the yaml package's 1.1 schema
// reads as a float.
const RESERVED = /^(?:[yn]|yes|no|on|off|true|false|null|e[-+]?\d+)$/i;
// Characters YAML does not allow unescaped (or 1.1 reads as line breaks), and lone surrogates.
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/u;
const BLANK_LINE = /^[ \t]+$/m;
const JSON_LEAVES_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
const INDENT = "  ";
const MAX_IMPLICIT_KEY = 1000;

function quoted(text: string): string {
  return JSON.stringify(text).replace(JSON_LEAVES_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function string(text: string): string {
  return (PLAIN.test(text) && !RESERVED.test(text)) || QUANTITY.test(text) ? text : quoted(text);
}

function number(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
  if (Object.is(value, -0)) return "-0";
  const text = String(value);
  // YAML 1.1 floats need a dot: 1e+21 would read back as a string.
  return text.includes("e") && !text.includes(".") ? text.replace("e", ".0e") : text;
}

/** The one-line form of a scalar or an empty collection; null for a collection to print as a block. */
function inline(value: unknown): string | null {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return string(value);
    case "number":
      return number(value);
    case "boolean":
      return String(value);
    case "object":
      if (Array.isArray(value)) return value.length === 0 ? "[]" : null;
      return Object.keys(value).length === 0 ? "{}" : null;
    default:
      throw new TypeError(`toYaml: cannot print a ${typeof value}`);
  }
}

// Multi-line text (config files) reads best as a literal block. Its header says how many
// trailing newlines to keep (- none, "" one, + all) and, when the text starts with a space,
// how deep the indentation is, which the reader could not guess.
function literalBlock(text: string, indent: string, out: string[], head: string): boolean {
  // Readers disagree on lines of only blanks inside a block, so such text is quoted.
  if (!text.includes("\n") || UNPRINTABLE.test(text) || BLANK_LINE.test(text)) return false;
  const lines = text.split("\n");
  const newlines = text.match(/\n*$/)?.[0].length ?? 0;
  const chomp = newlines === 0 ? "-" : newlines === 1 && text.length > 1 ? "" : "+";
  const first = lines.find((line) => line !== "") ?? "";
  const indicator = /^[ \t]/.test(first) ? String(INDENT.length) : "";
  out.push(`${head} |${indicator}${chomp}`);
  const body = newlines === 0 ? lines : lines.slice(0, -1);
  for (const line of body) out.push(line === "" ? "" : `${indent}${line}`);
  return true;
}

function map(value: Record<string, unknown>, indent: string, out: string[], firstPrefix = indent) {
  let prefix = firstPrefix;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const printed = string(key);
    // YAML allows implicit keys up to 1024 characters; longer ones need the explicit "? " form.
    const head = printed.length > MAX_IMPLICIT_KEY ? `${prefix}? ${printed}\n${indent}:` : `${prefix}${printed}:`;
    prefix = indent;
    const text = inline(item);
    if (text === null) {
      out.push(head);
      block(item, indent + INDENT, out);
    } else if (typeof item !== "string" || !literalBlock(item, indent + INDENT, out, head)) out.push(`${head} ${text}`);
  }
}

function sequence(value: unknown[], indent: string, out: string[]) {
  for (const item of value) {
    const text = inline(item);
    if (text !== null) out.push(`${indent}- ${text}`);
    else if (Array.isArray(item)) {
      out.push(`${indent}-`);
      sequence(item, indent + INDENT, out);
    } else map(item as Record<string, unknown>, indent + INDENT, out, `${indent}- `);
  }
}

function block(value: unknown, indent: string, out: string[]) {
  if (Array.isArray(value)) sequence(value, indent, out);
  else map(value as Record<string, unknown>, indent, out);
}

function document(value: unknown): string {
  const text = inline(value);
  if (text !== null) return `${text}\n`;
  const out: string[] = [];
  block(value, "", out);
  return `${out.join("\n")}\n`;
}

/** Multi-document YAML for Kubernetes objects, keys in their insertion order. */
export function toYaml(objects: readonly unknown[]): string {
  return objects.map(document).join("---\n");
}
