// A real OCI registry for tests: Debian's docker-registry (distribution 2.8.2) on loopback, with
// its storage in a temporary directory, optionally behind token auth (test/support/
// registry-token-server.ts) or htpasswd basic auth (a bcrypt file written here: distribution
// reads only bcrypt, and the htpasswd tool need not be installed). `npm test` installs the
// package; a test run starts and stops its own.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { freePort } from "./free-port";

export const REGISTRY_BINARY = "/usr/bin/docker-registry";

export type TestRegistry = { url: string; host: string; stop: () => Promise<void> };

export type TokenAuth = { realm: string; service: string; issuer: string; certificate: string };

export type BasicAuth = { username: string; password: string };

export async function startRegistry(
  options: { tokenAuth?: TokenAuth; htpasswd?: BasicAuth } = {},
): Promise<TestRegistry> {
  if (!existsSync(REGISTRY_BINARY))
    throw new Error(`${REGISTRY_BINARY} is missing: install the docker-registry package (npm test does)`);
  const dir = mkdtempSync(join(tmpdir(), "slipway-registry-"));
  const port = await freePort();
  const auth = options.tokenAuth;
  if (auth) writeFileSync(join(dir, "token-ca.pem"), auth.certificate);
  const basic = options.htpasswd;
  if (basic) writeFileSync(join(dir, "htpasswd"), `${basic.username}:${bcrypt.hashSync(basic.password, 10)}\n`);
  const config = [
    "version: 0.1",
    "log:",
    "  level: error",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${join(dir, "data")}`,
    "  delete:",
    "    enabled: true",
    "  maintenance:",
    "    uploadpurging:",
    "      enabled: false",
    "http:",
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString("hex")}`,
    ...(auth
      ? [
          "auth:",
          "  token:",
          `    realm: ${auth.realm}`,
          `    service: ${auth.service}`,
          `    issuer: ${auth.issuer}`,
          `    rootcertbundle: ${join(dir, "token-ca.pem")}`,
        ]
      : []),
    ...(basic ? ["auth:", "  htpasswd:", "    realm: slipway-test", `    path: ${join(dir, "htpasswd")}`] : []),
  ].join("\n");
  writeFileSync(join(dir, "config.yml"), `${config}\n`);
  const child: ChildProcess = spawn(REGISTRY_BINARY, ["serve", join(dir, "config.yml")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`docker-registry exited (${child.exitCode}): ${stderr}`);
    }
    const answered = await fetch(`${url}/v2/`).then(
      (response) => response.status === 200 || response.status === 401,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not start on ${url}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, host: `127.0.0.1:${port}`, stop };
}
