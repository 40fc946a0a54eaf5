// `npm test`: lint, typecheck, formatting, unit and integration tests (vitest, embedded
// PostgreSQL), production build, end-to-end tests (Playwright + Debian's Chromium).
// Installs the Debian packages it needs (Chromium, CJK fonts, Alertmanager, a registry) first.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { step } from "./lib/log";
import { root } from "./lib/prepare";
import { startTestSandbox, stopSandbox } from "./lib/sandbox";
import { playwrightFailures, vitestFailures } from "./lib/test-report";

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
const playwrightReport = join(reports, "playwright.json");

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
    ...playwrightFailures(readReport(playwrightReport)),
  ];
  for (const failure of failures) console.log(`  failed: ${failure}`);
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

const node = process.execPath;
ensureDebianPackages();
{
  const started = Date.now();
  const sandbox = startTestSandbox();
  results.push({ name: "sandbox", seconds: (Date.now() - started) / 1000, ok: true });
  cleanup = () => stopSandbox(sandbox, { purge: true });
}
run("lint", node, [bin("eslint", "bin", "eslint.js"), ".", "--max-warnings=0"]);
run("typecheck", node, [bin("typescript", "bin", "tsc"), "--noEmit"]);
run("format", node, [bin("prettier", "bin", "prettier.cjs"), "--check", "--log-level=warn", "."]);
run("unit", node, [
  bin("vitest", "vitest.mjs"),
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
run("build", node, [bin("next", "dist", "bin", "next"), "build"], { NEXT_TELEMETRY_DISABLED: "1" });
run("e2e", node, [bin("@playwright", "test", "cli.js"), "test"], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport,
});
cleanup();
summary();
