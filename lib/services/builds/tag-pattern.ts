import "server-only";

// An app's auto-deploy pattern: a glob over the tag, `*` any run of characters, `?` one.
export function matchesTagPattern(pattern: string, tag: string): boolean {
  const source = pattern
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(tag);
}
