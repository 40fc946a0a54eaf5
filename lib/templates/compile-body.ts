import {
  type Document,
  isAlias,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type ParsedNode,
  type Scalar,
  type YAMLError,
  type YAMLMap,
} from "yaml";
import type { CompiledDocument, CompiledNode, Condition, Loc, MapNode, TextNode, TextPart } from "./compiled-node";
import { CONTEXT_ROOTS, itemShape, resolveShape, type Shape } from "./context-shape";
import { parsePath, type PathExpr, splitPlaceholders } from "./placeholders";
import type { TemplateError } from "./template-error";

// Aliases are expanded at compile time; this bounds "billion laughs" bodies.
const MAX_NODES = 50_000;
const AS_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DIRECTIVES = new Set(["$if", "$each", "$as"]);

type Scope = ReadonlyMap<string, Shape>;

class Compiler {
  readonly errors: TemplateError[] = [];
  private nodes = 0;
  private document = 0;
  private doc: Document.Parsed | null = null;

  constructor(
    private readonly body: string,
    private readonly lines: LineCounter,
  ) {}

  compileDocument(doc: Document.Parsed, document: number, roots: Scope): CompiledDocument | null {
    this.doc = doc;
    this.document = document;
    for (const problem of [...doc.errors, ...doc.warnings]) this.yamlError(problem);
    // "---" followed by nothing is an empty document, not an object.
    const empty = doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);
    if (doc.errors.length > 0 || empty) return null;
    return { document, root: this.node(doc.contents, roots, false) };
  }

  yamlError(problem: YAMLError) {
    const at = problem.linePos?.[0];
    this.errors.push({
      code: "yaml",
      message: (problem.message.split("\n")[0] ?? "").replace(/:$/, ""),
      document: this.document,
      ...(at && { line: at.line, column: at.col }),
    });
  }

  private loc(node: ParsedNode, offsetIn?: string): Loc {
    const [start = 0, end = start] = node.range;
    // A placeholder's own position when the source spells it out, else the node's.
    const inner = offsetIn === undefined ? -1 : this.body.slice(start, end).indexOf(offsetIn);
    const at = this.lines.linePos(start + Math.max(inner, 0));
    return { document: this.document, line: at.line, column: at.col };
  }

  private fail(code: TemplateError["code"], message: string, loc: Loc): null {
    this.errors.push({ code, message, ...loc });
    return null;
  }

  // `inSequence`: the node is an item of a sequence, the one place `$each` may appear.
  private node(node: ParsedNode | null, scope: Scope, inSequence: boolean): CompiledNode {
    if (node === null) return { kind: "literal", value: null };
    if (++this.nodes > MAX_NODES) {
      if (this.nodes === MAX_NODES + 1)
        this.fail("yaml", `the template expands to more than ${MAX_NODES} nodes`, this.loc(node));
      return { kind: "literal", value: null };
    }
    if (isAlias(node)) {
      const target = this.doc && node.resolve(this.doc);
      if (target) return this.node(target as ParsedNode, scope, inSequence);
      this.fail("yaml", `alias *${node.source} has no anchor`, this.loc(node));
      return { kind: "literal", value: null };
    }
    if (isScalar(node)) return this.scalar(node, scope);
    if (isSeq(node)) return { kind: "seq", items: node.items.map((item) => this.node(item, scope, true)) };
    return this.map(node, scope, inSequence);
  }

  private scalar(node: Scalar.Parsed, scope: Scope): CompiledNode {
    const { value } = node;
    if (typeof value === "string") return this.text(value, node, scope, "value");
    if (value === null || typeof value === "boolean") return { kind: "literal", value };
    if (typeof value === "number" && Number.isFinite(value)) return { kind: "literal", value };
    this.fail("yaml", `unsupported value ${String(value)}: use a string, number, boolean or null`, this.loc(node));
    return { kind: "literal", value: null };
  }

  private text(value: string, node: ParsedNode, scope: Scope, as: "value" | "key"): CompiledNode {
    const split = splitPlaceholders(value);
    if (split.kind === "none") return { kind: "literal", value };
    if (split.kind === "unterminated") {
      this.fail("unknown_placeholder", `placeholder "${split.raw}" is not closed with }}`, this.loc(node, split.raw));
      return { kind: "literal", value };
    }
    const [only] = split.parts;
    // A quoted placeholder is text: `"${{ params.port }}"` gives "8080", as annotations need.
    const quoted = isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE");
    if (as === "value" && !quoted && split.parts.length === 1 && typeof only === "object") {
      const path = this.path(only.expr, only.raw, node, scope, false);
      return path ? { kind: "value", path, raw: only.raw, loc: this.loc(node, only.raw) } : { kind: "literal", value };
    }
    const parts: TextPart[] = [];
    for (const part of split.parts) {
      if (typeof part === "string") parts.push(part);
      else {
        const path = this.path(part.expr, part.raw, node, scope, true);
        if (path) parts.push({ path, raw: part.raw });
      }
    }
    return { kind: "text", parts, loc: this.loc(node) };
  }

  private path(expr: string, raw: string, node: ParsedNode, scope: Scope, embedded: boolean): PathExpr | null {
    const path = parsePath(expr);
    const loc = this.loc(node, raw);
    if (!path) return this.fail("unknown_placeholder", `placeholder ${raw} is not a path like params.name`, loc);
    const shape = resolveShape(scope, path);
    if (typeof shape === "string") return this.fail("unknown_placeholder", `unknown placeholder ${raw}: ${shape}`, loc);
    if (embedded && shape.kind !== "scalar")
      return this.fail(
        "unknown_placeholder",
        `placeholder ${raw} is ${describe(shape)} and cannot be part of a string`,
        loc,
      );
    return path;
  }

  // `$if: path`, `$if: "!path"`, or a list of them that must all hold.
  private conditions(node: ParsedNode | null, owner: ParsedNode, scope: Scope): Condition[] {
    const items = node && isSeq(node) && node.items.length > 0 ? node.items : [node];
    return items.flatMap((item) => this.condition(item as ParsedNode | null, owner, scope) ?? []);
  }

  private condition(node: ParsedNode | null, owner: ParsedNode, scope: Scope): Condition | null {
    const expr = node && isScalar(node) && typeof node.value === "string" ? node.value.trim() : "";
    const negate = expr.startsWith("!");
    const text = negate ? expr.slice(1).trim() : expr;
    if (!node || !text || text.includes("${{"))
      return this.fail(
        "yaml",
        "$if takes a path, !path or a list of them, without ${{ }}, e.g. $if: params.ingress.host",
        this.loc(node ?? owner),
      );
    const path = this.path(text, text, node, scope, false);
    return path && { negate, path };
  }

  private map(node: YAMLMap.Parsed, outer: Scope, inSequence: boolean): MapNode {
    const directives = new Map<string, ParsedNode | null>();
    const fields: { key: string; keyNode: ParsedNode; value: ParsedNode | null }[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key;
      const raw: unknown = isScalar(keyNode) ? keyNode.value : null;
      const key = typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean" ? String(raw) : null;
      if (key === null) {
        this.fail("yaml", "a key must be a string", this.loc(keyNode ?? node));
      } else if (isDirective(keyNode, key)) {
        if (DIRECTIVES.has(key)) directives.set(key, pair.value);
        else this.fail("yaml", `unknown directive ${key} (known: $if, $each, $as)`, this.loc(keyNode));
      } else if (key === "__proto__" || key === "<<") {
        this.fail("yaml", `key ${key} is not supported`, this.loc(keyNode));
      } else fields.push({ key, keyNode, value: pair.value });
    }

    const each = this.each(directives, node, outer, inSequence);
    const scope = each?.scope ?? outer;
    const ifNode = directives.get("$if");
    return {
      kind: "map",
      conditions: ifNode === undefined ? [] : this.conditions(ifNode, node, scope),
      each: each && { source: each.source, as: each.as },
      entries: fields.map(({ key, keyNode, value }) => ({
        key: this.key(key, keyNode, scope),
        value: this.node(value, scope, false),
      })),
      loc: this.loc(node),
    };
  }

  private key(key: string, keyNode: ParsedNode, scope: Scope): string | TextNode {
    const compiled = this.text(key, keyNode, scope, "key");
    return compiled.kind === "text" ? compiled : key;
  }

  private each(
    directives: Map<string, ParsedNode | null>,
    node: YAMLMap.Parsed,
    outer: Scope,
    inSequence: boolean,
  ): { source: PathExpr; as: string; scope: Scope } | null {
    const sourceNode = directives.get("$each");
    const asNode = directives.get("$as");
    if (sourceNode === undefined && asNode === undefined) return null;
    const loc = this.loc(node);
    if (!inSequence) return this.fail("yaml", "$each is only allowed on an item of a sequence", loc);
    const as = asNode && isScalar(asNode) && typeof asNode.value === "string" ? asNode.value : "";
    const source = sourceNode && isScalar(sourceNode) && typeof sourceNode.value === "string" ? sourceNode.value : "";
    if (!source || !as) return this.fail("yaml", "$each needs both $each: <path> and $as: <name>", loc);
    if (!AS_NAME.test(as) || outer.has(as) || (CONTEXT_ROOTS as readonly string[]).includes(as))
      return this.fail("yaml", `$as: ${as} must be a new name (not ${[...outer.keys()].join(", ")})`, loc);
    const path = this.path(source.trim(), source, sourceNode as ParsedNode, outer, false);
    if (!path) return null;
    const shape = resolveShape(outer, path);
    const item = typeof shape === "string" ? null : itemShape(shape);
    if (!item) return this.fail("unknown_placeholder", `$each: ${path.text} is not a list or a map`, loc);
    return { source: path, as, scope: new Map(outer).set(as, item) };
  }
}

// Only plain keys are directives: a quoted "$ref" (as in a CRD's OpenAPI schema) is kept as is.
function isDirective(keyNode: ParsedNode, key: string): boolean {
  return key.startsWith("$") && !key.startsWith("${{") && isScalar(keyNode) && keyNode.type === "PLAIN";
}

function describe(shape: Shape): string {
  return shape.kind === "list" ? "a list" : "a map";
}

export function compileBody(body: string, roots: Scope): { documents: CompiledDocument[]; errors: TemplateError[] } {
  const lines = new LineCounter();
  const compiler = new Compiler(body, lines);
  const parsed = parseAllDocuments(body, { lineCounter: lines, prettyErrors: true, resolveKnownTags: false });
  if ("empty" in parsed) parsed.errors.forEach((problem) => compiler.yamlError(problem));
  const documents: CompiledDocument[] = [];
  parsed.forEach((doc, index) => {
    const compiled = compiler.compileDocument(doc, index + 1, roots);
    if (compiled) documents.push(compiled);
  });
  return { documents, errors: compiler.errors };
}
