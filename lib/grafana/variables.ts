import type { GrafanaVariable } from "./types";

// The values Slipway fills into a variable's template, per app and environment.
export const VARIABLE_PLACEHOLDERS = ["namespace", "app", "env", "team"] as const;
export type VariableFacts = Record<(typeof VARIABLE_PLACEHOLDERS)[number], string>;

// Grafana reads dashboard variables from `var-<name>` query parameters; names are letters,
// digits, `_` and `-`.
const VARIABLE_NAME = /^var-[A-Za-z0-9_-]{1,64}$/;

export type VariableLineProblem =
  | { key: "grafana.validation.variableLine"; values: { line: string } }
  | { key: "grafana.validation.variableName"; values: { name: string } }
  | { key: "grafana.validation.variablePlaceholder"; values: { name: string } }
  | { key: "grafana.validation.variableDuplicate"; values: { name: string } };

// One variable per line, `var-namespace={namespace}`. The first problem found is returned so
// the form can name it.
export function parseVariableLines(text: string): { variables: GrafanaVariable[] } | { problem: VariableLineProblem } {
  const variables: GrafanaVariable[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) return { problem: { key: "grafana.validation.variableLine", values: { line: line.slice(0, 80) } } };
    const name = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!VARIABLE_NAME.test(name)) {
      return { problem: { key: "grafana.validation.variableName", values: { name: name.slice(0, 80) } } };
    }
    const unknown = [...value.matchAll(/\{([^}]*)\}/g)]
      .map((m) => m[1] ?? "")
      .find((p) => !(VARIABLE_PLACEHOLDERS as readonly string[]).includes(p));
    if (unknown !== undefined) {
      return { problem: { key: "grafana.validation.variablePlaceholder", values: { name: unknown.slice(0, 80) } } };
    }
    if (variables.some((v) => v.name === name)) {
      return { problem: { key: "grafana.validation.variableDuplicate", values: { name } } };
    }
    variables.push({ name, value });
  }
  return { variables };
}

export function formatVariableLines(variables: GrafanaVariable[]): string {
  return variables.map((v) => `${v.name}=${v.value}`).join("\n");
}

// The query parameters for one app in one environment, in the configured order.
export function resolveVariables(variables: GrafanaVariable[], facts: VariableFacts): [string, string][] {
  return variables.map(({ name, value }) => [
    name,
    value.replace(/\{(namespace|app|env|team)\}/g, (_m, key: keyof VariableFacts) => facts[key]),
  ]);
}
