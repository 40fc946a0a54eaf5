import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { playwrightFailures, vitestFailures } from "./test-report";

describe("the failures named at the end of npm test", () => {
  it("names each failed vitest test with its file and first error line, from a real vitest report", () => {
    const dir = mkdtempSync(join(tmpdir(), "slipway-report-"));
    try {
      writeFileSync(
        join(dir, "sample.test.ts"),
        `import { expect, test } from "vitest";
test("adds up", () => { expect(1 + 1).toBe(3); });
test("passes", () => { expect(true).toBe(true); });
`,
      );
      writeFileSync(join(dir, "vitest.config.mjs"), "export default { test: { include: ['*.test.ts'] } };\n");
      const report = join(dir, "report.json");
      try {
        execFileSync(
          process.execPath,
          [
            join(process.cwd(), "node_modules", "vitest", "vitest.mjs"),
            "run",
            "--root",
            dir,
            "--reporter=json",
            `--outputFile.json=${report}`,
          ],
          { cwd: dir, stdio: "pipe", env: { ...process.env, NODE_OPTIONS: "" } },
        );
      } catch {
        // vitest exits 1: a test failed, as it should here
      }
      const failures = vitestFailures(JSON.parse(readFileSync(report, "utf8")), dir);
      expect(failures).toEqual(["sample.test.ts > adds up: AssertionError: expected 2 to be 3 // Object.is equality"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names a failed Playwright spec with its describe path and first error line, colours removed", () => {
    const report = {
      suites: [
        {
          title: "auth.spec.ts",
          file: "auth.spec.ts",
          specs: [{ title: "passes", ok: true, tests: [{ results: [{ status: "passed", errors: [] }] }] }],
          suites: [
            {
              title: "sign-in",
              specs: [
                {
                  title: "signs out",
                  ok: false,
                  tests: [
                    {
                      results: [
                        {
                          status: "failed",
                          errors: [
                            {
                              message: "\u001b[31mError: expect(locator).toHaveText(expected)\u001b[39m\n\nLocator: x",
                            },
                          ],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual([
      "auth.spec.ts > sign-in > signs out: Error: expect(locator).toHaveText(expected)",
    ]);
    expect(playwrightFailures(undefined)).toEqual([]);
  });
});
