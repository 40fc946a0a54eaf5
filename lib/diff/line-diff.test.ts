import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasChanges, lineDiff } from "./line-diff";

const rebuild = (lines: ReturnType<typeof lineDiff>, side: "before" | "after") =>
  lines
    .filter((l) => l.kind === "same" || l.kind === (side === "before" ? "removed" : "added"))
    .map((l) => l.text)
    .join("\n");

describe("lineDiff", () => {
  it("shows a changed image as one removed and one added line", () => {
    const before = "kind: Deployment\nspec:\n  image: web:1.0\n  replicas: 2";
    const after = "kind: Deployment\nspec:\n  image: web:2.0\n  replicas: 2";
    expect(lineDiff(before, after).filter((l) => l.kind !== "same")).toEqual([
      { kind: "removed", text: "  image: web:1.0" },
      { kind: "added", text: "  image: web:2.0" },
    ]);
  });

  it("treats a first render as all added and identical texts as unchanged", () => {
    expect(lineDiff("", "a\nb").map((l) => l.kind)).toEqual(["added", "added"]);
    expect(hasChanges(lineDiff("a\nb", "a\nb"))).toBe(false);
  });

  it("always reproduces both sides", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 30 }).map((l) => l.join("\n"));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = lineDiff(before, after);
        return rebuild(diff, "before") === before && rebuild(diff, "after") === after;
      }),
      { numRuns: 500 },
    );
  });
});
