// `npm test`: lint, typecheck, formatting, unit and integration tests (vitest, embedded
// PostgreSQL), production build, fault tests on real server processes (vitest.faults.config.ts),
// end-to-end tests (Playwright + Debian's Chromium).
// Installs the Debian packages it needs (Chromium, CJK fonts, Alertmanager, a registry) first.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { step } from "./lib/log";
import { root } from "./lib/prepare";
import { startTestSandbox, stopSandbox } from "./lib/sandbox";
import { playwrightFailures, unhandledFailures, vitestFailures } from "./lib/test-report";

function readReport(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const bin = (name: string, ...path: string[]) => join(root, "node_modules", name, ...path);
const results: { name: string; seconds: number; ok: boolean }[] = [];
// Machine-readable reports, so the summary at the very end (the part of a CI log that is
// kept) names the tests that failed and their first error line.
const reports = join(root, ".data", "test-results");
const vitestReport = join(reports, "vitest.json");
const faultsReport = join(reports, "faults.json");
const playwrightReport = join(reports, "playwright.json");
const unhandledReport = (name: string) => join(reports, `${name}-unhandled.json`);

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): void {
  step(`${name}: ${[command, ...args].map((a) => a.replace(root + "/", "")).join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: "", ...env },
  });
  const ok = result.status === 0;
  results.push({ name, seconds: (Date.now() - started) / 1000, ok });
  if (!ok) {
    cleanup();
    summary();
    console.error(`[slipway] ${name} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

function summary(): void {
  console.log("\n[slipway] test summary");
  for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(12)} ${r.seconds.toFixed(1)}s`);
  const failures = [
    ...vitestFailures(readReport(vitestReport), root),
    ...unhandledFailures(readReport(unhandledReport("unit")), root),
    ...vitestFailures(readReport(faultsReport), root),
    ...unhandledFailures(readReport(unhandledReport("faults")), root),
    ...playwrightFailures(readReport(playwrightReport)),
  ];
  for (const failure of failures) console.log(`  failed: ${failure}`);
  if (results.some((r) => !r.ok) && failures.length === 0) {
    console.log("  (no failed test or unhandled error in the reports: the step's own output above says why)");
  }
}

// Debian packages the tests run for real: the browser, CJK glyphs for screenshots, and the
// peers Debian has (Alertmanager, an OCI registry). Each is checked by a file it installs.
const debianPackages: { name: string; file: string; why: string }[] = [
  { name: "chromium", file: chromium, why: "the end-to-end tests" },
  {
    name: "fonts-noto-cjk",
    file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    why: "Chinese text in screenshots",
  },
  { name: "prometheus-alertmanager", file: "/usr/bin/prometheus-alertmanager", why: "the alert tests" },
  { name: "docker-registry", file: "/usr/bin/docker-registry", why: "the registry tests" },
];

function ensureDebianPackages(): void {
  const missing = debianPackages.filter((p) => !existsSync(p.file));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  if (userInfo().uid !== 0) {
    console.error(`[slipway] missing Debian packages: run 'sudo apt-get install ${names.join(" ")}'.`);
    process.exit(1);
  }
  step(`installing from Debian: ${missing.map((p) => `${p.name} (${p.why})`).join(", ")}`);
  run("apt update", "apt-get", ["update"]);
  run("apt install", "apt-get", ["install", "-y", "--no-install-recommends", ...names], {
    DEBIAN_FRONTEND: "noninteractive",
  });
}

let cleanup = () => {};

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// The gateway tests' Traefik (sandbox/gateway/build-traefik.sh: cached; the first build takes
// about 10 minutes and prints its progress) builds at low priority beside the sandbox and the
// checks, and is waited for before the tests.
function buildTraefik(): Promise<number> {
  const build = spawn("bash", [join(root, "sandbox", "gateway", "build-traefik.sh")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((resolve) => build.on("close", (code) => resolve(code ?? 1)));
}

const node = process.execPath;
ensureDebianPackages();
const traefik = buildTraefik();
{
  const started = Date.now();
  const sandbox = startTestSandbox();
  results.push({ name: "sandbox", seconds: (Date.now() - started) / 1000, ok: true });
  cleanup = () => stopSandbox(sandbox, { purge: true });
}
run("lint", node, [bin("eslint", "bin", "eslint.js"), ".", "--max-warnings=0"]);
run("typecheck", node, [bin("typescript", "bin", "tsc"), "--noEmit"]);
run("format", node, [bin("prettier", "bin", "prettier.cjs"), "--check", "--log-level=warn", "."]);
{
  // The checks above block this process, so only the time still spent waiting is known here.
  const started = Date.now();
  const ok = (await traefik) === 0;
  results.push({ name: "traefik", seconds: (Date.now() - started) / 1000, ok });
  if (!ok) {
    cleanup();
    summary();
    console.error("[slipway] building Traefik for the gateway tests failed (sandbox/gateway/build-traefik.sh)");
    process.exit(1);
  }
}
// A vitest run with its JSON report and its unhandled errors written for the summary.
const vitest = (name: "unit" | "faults", report: string, args: string[] = []) =>
  run(
    name,
    node,
    [
      bin("vitest", "vitest.mjs"),
      "run",
      ...args,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
      `--reporter=${join(root, "scripts", "lib", "unhandled-errors-reporter.ts")}`,
    ],
    { SLIPWAY_UNHANDLED_ERRORS_FILE: unhandledReport(name) },
  );
vitest("unit", vitestReport);
run("build", node, [bin("next", "dist", "bin", "next"), "build"], { NEXT_TELEMETRY_DISABLED: "1" });
vitest("faults", faultsReport, ["--config", "vitest.faults.config.ts"]);
run("e2e", node, [bin("@playwright", "test", "cli.js"), "test"], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport,
});
cleanup();
summary();
