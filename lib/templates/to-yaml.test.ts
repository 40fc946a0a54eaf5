import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { HOSTILE_STRINGS, hostileString } from "./test-support/hostile-strings";
import { toYaml } from "./to-yaml";

// kubectl reads YAML 1.1, the editor and the yaml package 1.2: both must see the same objects.
function readBack(yaml: string, version: "1.1" | "1.2"): unknown[] {
  const docs = parseAllDocuments(yaml, { version });
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) throw new Error(`${problems[0]?.message}\n--- in ---\n${yaml.slice(0, 2000)}`);
  }
  return docs.map((doc) => doc.toJS({ maxAliasCount: 0 }) as unknown);
}

function expectRoundTrip(objects: unknown[]) {
  const yaml = toYaml(objects);
  expect(readBack(yaml, "1.2")).toEqual(objects);
  expect(readBack(yaml, "1.1")).toEqual(objects);
}

describe("toYaml", () => {
  it("prints documents in authored key order, plain where unambiguous", () => {
    const yaml = toYaml([
      { kind: "Service", apiVersion: "v1", metadata: { name: "web" } },
      { kind: "ConfigMap", data: { "app.conf": "a=1\nb=2\n", mode: "0755", on: "yes", empty: "" } },
    ]);
    expect(yaml).toBe(
      [
        "kind: Service",
        "apiVersion: v1",
        "metadata:",
        "  name: web",
        "---",
        "kind: ConfigMap",
        "data:",
        "  app.conf: |",
        "    a=1",
        "    b=2",
        '  mode: "0755"',
        '  "on": "yes"',
        '  empty: ""',
        "",
      ].join("\n"),
    );
  });

  it.each(HOSTILE_STRINGS.map((text) => [JSON.stringify(text).slice(0, 40), text]))(
    "reads back %s as the same string, as a value, a key and a list item",
    (_label, text) => {
      expectRoundTrip([{ value: text, [text]: 1, list: [text, { nested: text }], deep: { inner: { text } } }]);
    },
  );

  it("prints numbers, booleans, null and empty collections so they read back as themselves", () => {
    expectRoundTrip([
      { n: [0, -0, 1, -1, 0.5, 1e21, 1.5e-7, 2 ** 53, -1e300], b: [true, false], z: null, e: [[], {}] },
    ]);
  });

  it("round-trips any JSON objects", () => {
    const key = fc.oneof(
      fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 100)),
      fc.string({ unit: "binary" }),
    );
    const value = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: "small" },
        hostileString(5000),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("json"), { maxLength: 4 }),
        fc.dictionary(key, tie("json"), { maxKeys: 4 }),
      ),
    })).json;
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { maxKeys: 6 }), { maxLength: 3 }), (objects) => {
        const cleaned = objects.map((o) => JSON.parse(JSON.stringify(o)) as unknown);
        expectRoundTrip(cleaned);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
