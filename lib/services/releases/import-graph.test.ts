// The release engine's modules import each other as a tree (issue 12): no module reaches back to
// one that imports it, not even through a dynamic import().
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = import.meta.dirname;
const ALIAS = "@/lib/services/releases/";

function importsOf(file: string): string[] {
  const source = readFileSync(join(DIR, file), "utf8");
  const found = new Set<string>();
  for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
    const spec = match[1]!;
    const local = spec.startsWith("./") ? spec.slice(2) : spec.startsWith(ALIAS) ? spec.slice(ALIAS.length) : null;
    if (local && !local.includes("/")) found.add(`${local}.ts`);
  }
  return [...found];
}

// Each cycle once, as the path that closes it.
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (node: string, path: string[]) => {
    state.set(node, "open");
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next, [...path, next]);
    }
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node, [node]);
  return found;
}

describe("lib/services/releases imports", () => {
  const files = readdirSync(DIR).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
  const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => files.includes(target))]));

  it("form no cycle", () => {
    expect(cycles(graph).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  it("are read the way the check assumes (it finds a cycle when there is one)", () => {
    const withCycle = new Map(graph);
    withCycle.set("release-store.ts", [...(graph.get("release-store.ts") ?? []), "start-release.ts"]);
    expect(cycles(withCycle).length).toBeGreaterThan(0);
    // start-release really leads to the store, so the injected edge closes a loop.
    expect(graph.get("start-release.ts")).toContain("apply-release.ts");
  });
});
