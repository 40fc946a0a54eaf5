// Alertmanager-style label matchers, as subscriptions store them: name="value", name!="value",
// name=~"regex", name!~"regex". Regular expressions are anchored, as Alertmanager's are.
export type Matcher = { name: string; op: "=" | "!=" | "=~" | "!~"; value: string; regex?: RegExp };

// Prometheus label names, and Kubernetes-style keys (app.kubernetes.io/instance) newer senders use.
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_./-]*$/;
const SHAPE = /^\s*([^=!~\s]+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

// The matcher, or the message key saying what is wrong with it.
export function parseMatcher(text: string): Matcher | { error: string } {
  const shape = SHAPE.exec(text);
  if (!shape) return { error: "alerts.matcherShape" };
  const [, name = "", op = "=", raw = ""] = shape;
  if (!LABEL_NAME.test(name)) return { error: "alerts.matcherName" };
  const value = raw.replace(/\\(.)/g, "$1");
  if (op === "=~" || op === "!~") {
    try {
      return { name, op, value, regex: new RegExp(`^(?:${value})$`, "u") };
    } catch {
      return { error: "alerts.matcherRegex" };
    }
  }
  return { name, op: op as Matcher["op"], value };
}

export function matches(matcher: Matcher, labels: Record<string, string>): boolean {
  const value = labels[matcher.name] ?? "";
  switch (matcher.op) {
    case "=":
      return value === matcher.value;
    case "!=":
      return value !== matcher.value;
    case "=~":
      return matcher.regex!.test(value);
    case "!~":
      return !matcher.regex!.test(value);
  }
}
