import type { PathExpr } from "./placeholders";

/** Where a node was authored, to point the editor at it (1-based). */
export type Loc = { document: number; line: number; column: number };

export type Condition = { negate: boolean; path: PathExpr };

export type TextPart = string | { path: PathExpr; raw: string };

export type MapNode = {
  kind: "map";
  /** `$if`: every one must hold (empty: always kept). */
  conditions: readonly Condition[];
  /** On a sequence item only: one copy per element of `source`, named `as` inside. */
  each: { source: PathExpr; as: string } | null;
  entries: readonly { key: string | TextNode; value: CompiledNode }[];
  loc: Loc;
};

export type TextNode = { kind: "text"; parts: readonly TextPart[]; loc: Loc };

/**
 * A template body parsed once and checked against the schema; rendering only walks this tree,
 * so values are never seen by the YAML parser.
 */
export type CompiledNode =
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "value"; path: PathExpr; raw: string; loc: Loc }
  | TextNode
  | MapNode
  | { kind: "seq"; items: readonly CompiledNode[] };

export type CompiledDocument = { document: number; root: CompiledNode };
