import type { CompiledNode, Loc, MapNode, TextNode } from "./compiled-node";
import type { PathExpr } from "./placeholders";
import { copyPlain } from "./plain-values";
import { formatPath, type TemplateError } from "./template-error";

/** Marks a node that `$if` (or an absent value) removed, so its parent drops the key or item. */
export const OMIT = Symbol("omit");

export type Scope = ReadonlyMap<string, unknown>;

function lookup(scope: Scope, path: PathExpr): unknown {
  let value = scope.get(path.root);
  for (const segment of path.segments) {
    // Own keys only: a record key like "constructor" must not reach Object.prototype.
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, segment))
      return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

class Evaluator {
  private readonly path: (string | number)[] = [];

  constructor(readonly errors: TemplateError[]) {}

  private fail(code: TemplateError["code"], message: string, loc: Loc, parameter?: string) {
    const path = formatPath(this.path);
    this.errors.push({ code, message, ...loc, ...(parameter && { parameter }), ...(path && { path }) });
  }

  node(node: CompiledNode, scope: Scope): unknown {
    switch (node.kind) {
      case "literal":
        return node.value;
      case "value": {
        const value = lookup(scope, node.path);
        // Values are shared by every placeholder that names them, and objects are changed
        // afterwards (labels are merged in), so each use gets its own copy.
        return value === undefined || value === null ? OMIT : copyPlain(value);
      }
      case "text":
        return this.text(node, scope);
      case "map":
        return this.map(node, scope);
      case "seq":
        return this.seq(node.items, scope);
    }
  }

  private text(node: TextNode, scope: Scope): string {
    let result = "";
    for (const part of node.parts) {
      if (typeof part === "string") {
        result += part;
        continue;
      }
      const value = lookup(scope, part.path);
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") result += String(value);
      else if (value === undefined || value === null) {
        const parameter = part.path.root === "params" ? part.path.segments[0] : undefined;
        this.fail("invalid_values", `placeholder ${part.raw} has no value`, node.loc, parameter);
      } else
        this.fail("invalid_output", `placeholder ${part.raw} is not text and cannot be part of a string`, node.loc);
    }
    return result;
  }

  private map(node: MapNode, scope: Scope): Record<string, unknown> | typeof OMIT {
    if (node.conditions.some(({ path, negate }) => isTruthy(lookup(scope, path)) === negate)) return OMIT;
    const result: Record<string, unknown> = {};
    for (const entry of node.entries) {
      const key = typeof entry.key === "string" ? entry.key : this.text(entry.key, scope);
      this.path.push(key);
      const value = this.node(entry.value, scope);
      if (Object.hasOwn(result, key) || key === "__proto__")
        this.fail("invalid_output", `key "${key}" appears twice after substitution`, node.loc);
      else if (value !== OMIT) result[key] = value;
      this.path.pop();
    }
    return result;
  }

  private seq(items: readonly CompiledNode[], scope: Scope): unknown[] {
    const result: unknown[] = [];
    const add = (item: CompiledNode, itemScope: Scope) => {
      this.path.push(result.length);
      const value = this.node(item, itemScope);
      this.path.pop();
      if (value !== OMIT) result.push(value);
    };
    for (const item of items) {
      const each = item.kind === "map" ? item.each : null;
      if (!each) {
        add(item, scope);
        continue;
      }
      const source = lookup(scope, each.source);
      const copies = Array.isArray(source)
        ? source
        : typeof source === "object" && source !== null
          ? Object.entries(source).map(([key, value]) => ({ key, value }))
          : [];
      for (const element of copies) add(item, new Map(scope).set(each.as, element));
    }
    return result;
  }
}

/** The document's value, or OMIT when `$if` removed it. Problems are added to `errors`. */
export function evaluateNode(node: CompiledNode, scope: Scope, errors: TemplateError[]): unknown {
  return new Evaluator(errors).node(node, scope);
}
