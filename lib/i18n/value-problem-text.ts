import type { MessageKey } from "./locales";
import { message, type StoredMessage } from "./stored-message";

// The parameter checks (lib/templates/value-schemas.ts) say why a value was refused in English,
// as `parameter "name" path: problem`; the form shows the problem under the parameter, read
// into the reader's language. A problem no rule knows is shown as written.
type Rule = [RegExp, (m: RegExpExecArray) => StoredMessage];

const WHAT: Record<string, MessageKey> = {
  "an integer": "valueProblem.what.integer",
  "a string": "valueProblem.what.string",
  "a port number": "valueProblem.what.port",
  "true or false": "valueProblem.what.boolean",
  "a quantity string": "valueProblem.what.quantity",
  "a list of strings": "valueProblem.what.list",
  "a list of { name, value }": "valueProblem.what.list",
};

const RULES: Rule[] = [
  [/^is required$/, () => message("valueProblem.required")],
  [
    /^must be (.+)$/,
    (m) => {
      const what = WHAT[m[1]!];
      return what
        ? message("valueProblem.mustBe", { what: message(what) })
        : message("valueProblem.mustBe", { what: m[1]! });
    },
  ],
  [/^must be a map of .+$/, () => message("valueProblem.mustBe", { what: message("valueProblem.what.map") })],
  [/^(.+) is below min (-?\d+)$/, (m) => message("valueProblem.belowMin", { value: m[1]!, min: Number(m[2]) })],
  [/^(.+) is above max (-?\d+)$/, (m) => message("valueProblem.aboveMax", { value: m[1]!, max: Number(m[2]) })],
  [
    /^must be at least (\d+) characters \(got (\d+)\)$/,
    (m) => message("valueProblem.tooShort", { min: Number(m[1]), got: Number(m[2]) }),
  ],
  [
    /^must be at most (\d+) characters \(got (\d+)\)$/,
    (m) => message("valueProblem.tooLong", { max: Number(m[1]), got: Number(m[2]) }),
  ],
  [/^(.+) is not a port \(1-65535\)$/, (m) => message("valueProblem.notPort", { value: m[1]! })],
  [/^(.+) is not a valid environment variable name/, (m) => message("valueProblem.badEnvName", { value: m[1]! })],
  [/^(.+) is listed twice$/, (m) => message("valueProblem.twice", { value: m[1]! })],
  [/^must total at most 1 MiB \(got (\d+) characters\)$/, (m) => message("valueProblem.tooBig", { got: Number(m[1]) })],
  [/^(.+) is not a valid quantity/, (m) => message("valueProblem.badQuantity", { value: m[1]! })],
  [
    /^limit (\S+) is below the request (\S+)$/,
    (m) => message("valueProblem.limitBelowRequest", { limit: m[1]!, request: m[2]! }),
  ],
  [/^must start with "\/"$/, () => message("valueProblem.slashFirst")],
  [/^must not be empty$/, () => message("valueProblem.empty")],
  [/^(.+) is not a DNS name$/, (m) => message("valueProblem.notHost", { value: m[1]! })],
  [/^(.+) is not a valid Secret name/, (m) => message("valueProblem.notSecretName", { value: m[1]! })],
  [
    /^(.+) must be a non-negative integer or a percentage/,
    (m) => message("valueProblem.notIntOrPercent", { value: m[1]! }),
  ],
  [/^maxSurge and maxUnavailable must not both be zero$/, () => message("valueProblem.bothZero")],
  [/^(.+) is not a valid key /, (m) => message("valueProblem.badKey", { value: m[1]! })],
  [/^(.+) must be a string$/, (m) => message("valueProblem.notText", { value: m[1]! })],
  [/^(.+) is not one of (.+)$/, (m) => message("valueProblem.notOption", { value: m[1]!, options: m[2]! })],
  [/^(.+) is not an image reference/, (m) => message("valueProblem.notImage", { value: m[1]! })],
];

/** One refused value, as the form shows it under its parameter; null when no rule knows it. */
export function readValueProblem(text: string): StoredMessage | null {
  const full = /^parameter "[^"]+"(?: (\S+))?: (.+)$/s.exec(text);
  const path = full?.[1];
  const problem = full?.[2] ?? text;
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(problem);
    if (!match) continue;
    const stored = build(match);
    return path ? message("valueProblem.at", { path, problem: stored }) : stored;
  }
  return null;
}
