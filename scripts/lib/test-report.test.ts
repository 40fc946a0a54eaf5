import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { playwrightFailures, unhandledFailures, vitestFailures } from "./test-report";

// Runs vitest on one test file written into a fresh folder and hands its exit code and the
// folder (with the reports) to `check`; the folder is removed after.
function runVitestOn(
  source: string,
  check: (dir: string, exitCode: number) => void,
  options: { unhandledFile?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), "slipway-report-"));
  try {
    writeFileSync(join(dir, "sample.test.ts"), source);
    writeFileSync(join(dir, "vitest.config.mjs"), "export default { test: { include: ['*.test.ts'] } };\n");
    const reporter = join(process.cwd(), "scripts", "lib", "unhandled-errors-reporter.ts");
    let exitCode = 0;
    try {
      execFileSync(
        process.execPath,
        [
          join(process.cwd(), "node_modules", "vitest", "vitest.mjs"),
          "run",
          "--root",
          dir,
          "--reporter=json",
          `--outputFile.json=${join(dir, "report.json")}`,
          ...(options.unhandledFile ? [`--reporter=${reporter}`] : []),
        ],
        {
          cwd: dir,
          stdio: "pipe",
          env: { ...process.env, NODE_OPTIONS: "", SLIPWAY_UNHANDLED_ERRORS_FILE: join(dir, "unhandled.json") },
        },
      );
    } catch (error) {
      exitCode = (error as { status: number }).status;
    }
    check(dir, exitCode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const readJson = (dir: string, name: string): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"));

describe("the failures named at the end of npm test", () => {
  it("names each failed vitest test with its file and first error line, from a real vitest report", () => {
    runVitestOn(
      `import { expect, test } from "vitest";
test("adds up", () => { expect(1 + 1).toBe(3); });
test("passes", () => { expect(true).toBe(true); });
`,
      (dir, exitCode) => {
        expect(exitCode).toBe(1);
        expect(vitestFailures(readJson(dir, "report.json"), dir)).toEqual([
          "sample.test.ts > adds up: AssertionError: expected 2 to be 3 // Object.is equality",
        ]);
      },
    );
  });

  it("names an error thrown after its test ended (vitest fails the run, its JSON report shows all passed)", () => {
    runVitestOn(
      `import { expect, test } from "vitest";
test("starts a timer and passes", async () => {
  setTimeout(() => { throw new Error("the watch closed after its test"); }, 10);
  expect(true).toBe(true);
});
test("is still running when the timer fires", async () => {
  await new Promise((resolve) => setTimeout(resolve, 200));
});
`,
      (dir, exitCode) => {
        expect(exitCode).toBe(1);
        expect(vitestFailures(readJson(dir, "report.json"), dir)).toEqual([]);
        const failures = unhandledFailures(readJson(dir, "unhandled.json"), dir);
        expect(failures).toHaveLength(1);
        expect(failures[0]).toMatch(
          /^unhandled error \(during sample\.test\.ts > is still running when the timer fires\): Error: the watch closed after its test at .*sample\.test\.ts:3/,
        );
      },
      { unhandledFile: true },
    );
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
