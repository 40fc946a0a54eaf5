// A vitest reporter that writes the run's unhandled errors (errors thrown outside any test:
// a rejected promise or a timer firing after its test ended) to the JSON file named by
// SLIPWAY_UNHANDLED_ERRORS_FILE. vitest fails the run for them, but its JSON report has no
// place for them, so without this the summary at the end of `npm test` named no failure.
import { writeFileSync } from "node:fs";
import type { Reporter } from "vitest/node";

type Unhandled = {
  message?: string;
  name?: string;
  stack?: string;
  VITEST_TEST_PATH?: string;
  VITEST_TEST_NAME?: string;
};

export default class UnhandledErrorsReporter implements Reporter {
  onTestRunEnd(_modules: unknown, unhandledErrors: ReadonlyArray<unknown>): void {
    const file = process.env.SLIPWAY_UNHANDLED_ERRORS_FILE;
    if (!file) return;
    const errors = (unhandledErrors as Unhandled[]).map((e) => ({
      message: `${e.name ?? "Error"}: ${e.message ?? ""}`,
      stack: e.stack ?? "",
      testPath: e.VITEST_TEST_PATH,
      testName: e.VITEST_TEST_NAME,
    }));
    writeFileSync(file, JSON.stringify({ errors }, null, 2));
  }
}
