// Entry point of `npm run dev`, `npm test` and `npm start`. It runs under whatever Node the
// machine has (the system Node may be years old), so it uses nothing but Node built-ins that
// have existed since Node 18. It makes sure the pinned Node and npm from package.json's
// `devEngines` are present, installs dependencies when the lockfile changed, generates the
// Prisma client, and then runs `scripts/<task>.ts` under the pinned Node.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { constants as osConstants, homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tasks = new Set(["dev", "test", "start"]);
const task = process.argv[2];
if (!tasks.has(task)) {
  console.error(`usage: node scripts/bootstrap.mjs <${[...tasks].join("|")}> [args...]`);
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const nodeVersion = pkg.devEngines.runtime.version;
const npmVersion = pkg.devEngines.packageManager.version;
const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "slipway", "toolchain");

function step(message) {
  console.log(`[slipway] ${message}`);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`[slipway] failed: ${cmd} ${args.join(" ")} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

// Fetches a package tarball from the npm registry with the machine's npm and unpacks it.
function fetchPackage(spec, target, check) {
  if (existsSync(check)) return;
  step(`downloading ${spec} into ${target}`);
  mkdirSync(dirname(target), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "slipway-toolchain-"));
  try {
    const packed = spawnSync("npm", ["pack", spec, "--silent", "--pack-destination", work], {
      cwd: work,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (packed.status !== 0) throw new Error(`npm pack ${spec} failed`);
    const tarball = join(work, packed.stdout.trim().split("\n").pop());
    const unpacked = join(work, "unpacked");
    mkdirSync(unpacked);
    run("tar", ["xzf", tarball, "-C", unpacked, "--strip-components=1"]);
    rmSync(target, { recursive: true, force: true });
    renameSync(unpacked, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const nodeDir = join(cacheRoot, `node-${nodeVersion}`);
const npmDir = join(cacheRoot, `npm-${npmVersion}`);
fetchPackage(`node-linux-${process.arch}@${nodeVersion}`, nodeDir, join(nodeDir, "bin", "node"));
fetchPackage(`npm@${npmVersion}`, npmDir, join(npmDir, "bin", "npm-cli.js"));

const nodeBin = join(nodeDir, "bin", "node");
const npmCli = join(npmDir, "bin", "npm-cli.js");
// A shim directory so that `npm`, `npx` and `node` inside child processes are the pinned ones.
const shimDir = join(cacheRoot, `bin-${nodeVersion}-${npmVersion}`);
if (!existsSync(join(shimDir, "npx"))) {
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(join(shimDir, "node"), `#!/bin/sh\nexec "${nodeBin}" "$@"\n`, { mode: 0o755 });
  writeFileSync(join(shimDir, "npm"), `#!/bin/sh\nexec "${nodeBin}" "${npmCli}" "$@"\n`, { mode: 0o755 });
  writeFileSync(join(shimDir, "npx"), `#!/bin/sh\nexec "${nodeBin}" "${join(npmDir, "bin", "npx-cli.js")}" "$@"\n`, {
    mode: 0o755,
  });
}

const env = {
  ...process.env,
  PATH: [shimDir, join(root, "node_modules", ".bin"), process.env.PATH].join(":"),
  // The Prisma CLI would download its native schema engine, which cannot be reached from
  // here; `prisma generate` does not need it, and migrations are applied by lib/db/migrate.ts.
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || join(root, "prisma", "no-schema-engine"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

// Dependencies are (re)installed when package.json, the lockfile or the Node version changed.
const stampFile = join(root, "node_modules", ".slipway-install-stamp");
const stamp = createHash("sha256")
  .update(nodeVersion)
  .update(npmVersion)
  .update(readFileSync(join(root, "package.json")))
  .update(readFileSync(join(root, "package-lock.json")))
  .digest("hex");
if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
  // `npm install`, not `npm ci`: the registry here lacks some other platforms' optional
  // binaries (darwin, win32...), which `npm ci` insists on finding in the lockfile. With the
  // lockfile in sync, `npm install` installs exactly the locked versions and changes nothing.
  step(`installing dependencies with node ${nodeVersion} / npm ${npmVersion}`);
  run(nodeBin, [npmCli, "install", "--no-audit", "--no-fund"], { env });
  writeFileSync(stampFile, stamp);
}

const schemaFile = join(root, "prisma", "schema.prisma");
const clientStamp = join(root, "lib", "generated", "prisma", ".schema-hash");
const schemaHash = createHash("sha256").update(readFileSync(schemaFile)).digest("hex");
if (!existsSync(clientStamp) || readFileSync(clientStamp, "utf8") !== schemaHash) {
  step("generating the Prisma client");
  run(nodeBin, [join(root, "node_modules", "prisma", "build", "index.js"), "generate"], { env });
  writeFileSync(clientStamp, schemaHash);
}

// The task runs as a child. A signal sent to this process alone (`kill`, a process manager, npm
// passing on a SIGTERM) is handed on, so the task stops its database, sandbox and server too.
// Ctrl-C reaches the whole process group and so the task twice; the tasks stop once.
const child = spawn(
  nodeBin,
  [
    join(root, "node_modules", "tsx", "dist", "cli.mjs"),
    // Server modules import "server-only", which only resolves under the react-server condition.
    "--conditions=react-server",
    join(root, "scripts", `${task}.ts`),
    ...process.argv.slice(3),
  ],
  { stdio: "inherit", cwd: root, env },
);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : 1)));
