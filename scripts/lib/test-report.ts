// The failed tests of a vitest or Playwright JSON report, one line each (file, test, first line of
// the error), for the closing summary of `npm test`: the part of a CI log that is kept.
const firstLine = (text: unknown) =>
  String(text ?? "")
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .find((line) => line.trim())
    ?.trim()
    .slice(0, 300) ?? "";

type VitestReport = {
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
};

export function vitestFailures(json: unknown, root: string): string[] {
  const report = json as VitestReport | undefined;
  const out: string[] = [];
  for (const file of report?.testResults ?? []) {
    const name = file.name.replace(root + "/", "");
    const failed = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failed) out.push(`${name} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (!failed.length && file.message) out.push(`${name}: ${firstLine(file.message)}`);
  }
  return out;
}

type PlaywrightSuite = {
  title: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: {
    title: string;
    ok: boolean;
    tests: { results: { status: string; error?: { message?: string }; errors?: { message?: string }[] }[] }[];
  }[];
};

export function playwrightFailures(json: unknown): string[] {
  const report = json as { suites?: PlaywrightSuite[] } | undefined;
  const out: string[] = [];
  const walk = (suite: PlaywrightSuite, path: string[]) => {
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const failed = spec.tests.flatMap((t) => t.results).find((r) => r.error ?? r.errors?.length);
      const error = (failed?.error ?? failed?.errors?.[0])?.message;
      out.push(`${[...path, spec.title].join(" > ")}: ${firstLine(error)}`);
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of report?.suites ?? []) walk(suite, [suite.title]);
  return out;
}

type UnhandledReport = { errors?: { message: string; stack?: string; testPath?: string; testName?: string }[] };

// The errors vitest failed a run for outside any test (scripts/lib/unhandled-errors-reporter.ts),
// each with the test that was running when it was thrown and the first stack frame in the project.
export function unhandledFailures(json: unknown, root: string): string[] {
  const report = json as UnhandledReport | undefined;
  return (report?.errors ?? []).map((e) => {
    const during = e.testPath
      ? ` (during ${e.testPath.replace(root + "/", "")}${e.testName ? ` > ${e.testName}` : ""})`
      : "";
    const frame = (e.stack ?? "")
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.startsWith("at ") && line.includes(root) && !line.includes("node_modules"));
    return `unhandled error${during}: ${firstLine(e.message)}${frame ? ` ${frame.replace(root + "/", "")}` : ""}`;
  });
}
