// Checks of the shape of input before anything parses or stores it. Parsers and checkers walk
// nested values recursively, and a value 10,000 levels deep (`[[[[…`) would exhaust the stack:
// it is refused, on its field, before anything walks it (nothing Slipway stores nests anywhere
// near this deep). PostgreSQL stores no NUL character and no half of a UTF-16 surrogate pair in
// text or JSON.
export const MAX_NESTING = 64;

// Depth of arrays and objects in a value, counted without recursion; stops past `limit`.
export function nestingDepth(value: unknown, limit = MAX_NESTING): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (!current || typeof current !== "object") continue;
    const level = depth + 1;
    deepest = Math.max(deepest, level);
    if (deepest > limit) return deepest;
    for (const inner of Object.values(current as object)) stack.push([inner, level]);
  }
  return deepest;
}

// Depth of brackets in JSON or YAML flow text, skipping double-quoted strings; stops past `limit`.
export function textNestingDepth(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "[" || c === "{") {
      deepest = Math.max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return deepest;
}

// The path ("values.env.0.value") of the first string the test picks, walked without recursion.
export function findString(value: unknown, test: (text: string) => boolean): string | null {
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === "string") {
      if (test(current)) return path.join(".") || "form";
    } else if (current && typeof current === "object") {
      for (const [key, inner] of Object.entries(current).reverse()) stack.push([inner, [...path, key]]);
    }
  }
  return null;
}

// NUL, or a surrogate without its other half.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const hasUnstorable = (text: string) => UNSTORABLE.test(text);

export const notTooDeep = (value: unknown) => nestingDepth(value) <= MAX_NESTING;
export const textNotTooDeep = (text: string) => textNestingDepth(text) <= MAX_NESTING;
