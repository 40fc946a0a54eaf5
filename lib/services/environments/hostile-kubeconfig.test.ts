// Kubeconfigs an attacker with the admin's form (or a stolen admin session) would save: none may
// make the server run a program, read a file, send a file's content anywhere, reach a cloud's
// metadata service, or echo what a remote server answered.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isRefusedAddress, guardedLookup } from "@/lib/kube/cluster-address";
import { KubeconfigError, parseKubeconfig } from "@/lib/kube/kubeconfig";
import { ZEnvironmentSchema } from "@/lib/validations/environment";
import { context, makeUser } from "@/test/factories";
import { kubeconfigFor } from "@/test/kubeconfigs";
import { saveEnvironment } from "./save-environment";

const dir = mkdtempSync(join(tmpdir(), "slipway-hostile-"));
const marker = join(dir, "ran");
const tokenFile = join(dir, "token");
writeFileSync(tokenFile, "file-token-canary-5531");

// A loopback "API server" that records every Authorization header it is sent and answers with
// a 70 kB HTML page, as a metadata service or a login proxy would.
let recorder: Server;
let server = "";
const seen: IncomingHttpHeaders[] = [];
beforeAll(async () => {
  recorder = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(502, { "content-type": "text/html" });
    response.end(`<html><body>${"<p>remote-body-canary</p>".repeat(3000)}</body></html>`);
  });
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  server = `http://127.0.0.1:${(recorder.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => recorder.close(() => resolve())));

// The test kubeconfig with its user's token replaced by other lines.
function withUser(lines: string, base = kubeconfigFor(server)): string {
  return base.replace("    token: secret-token-value-123", lines);
}

// Built once the recorder listens, so that anything sent would reach it.
const hostileKubeconfigs = (): Record<string, string> => ({
  exec: withUser(
    `    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh\n      args: ["-c", "touch ${marker}"]`,
  ),
  "auth-provider": withUser(
    `    auth-provider:\n      name: gcp\n      config:\n        cmd-path: /bin/sh\n        cmd-args: -c 'touch ${marker}'`,
  ),
  "token-file": withUser(`    token-file: ${tokenFile}`),
  tokenFile: withUser(`    tokenFile: ${tokenFile}`),
  "client-certificate": withUser(`    client-certificate: ${tokenFile}\n    client-key: ${tokenFile}`),
  "certificate-authority": kubeconfigFor(server).replace(
    "    insecure-skip-tls-verify: true",
    `    certificate-authority: ${tokenFile}`,
  ),
  "proxy-url": kubeconfigFor(server).replace(
    "    insecure-skip-tls-verify: true",
    "    insecure-skip-tls-verify: true\n    proxy-url: http://169.254.169.254",
  ),
  "basic auth": withUser("    username: admin\n    password: hunter2"),
  impersonation: withUser("    token: t\n    as: system:admin"),
  // A user no context names is still read by client-node when the text is loaded.
  "unused user": kubeconfigFor(server).replace(
    "contexts:",
    `- name: other\n  user:\n    token-file: ${tokenFile}\ncontexts:`,
  ),
  "merge key": withUser(`    <<: {token-file: ${tokenFile}}`),
});

function refusal(text: string): string {
  try {
    parseKubeconfig(text);
    return "accepted";
  } catch (error) {
    if (error instanceof KubeconfigError) return `${error.messageKey} ${error.values.field ?? error.values.host ?? ""}`;
    throw error;
  }
}

describe("hostile kubeconfigs", () => {
  it("are refused by the field they use, before any client exists", () => {
    const hostile = hostileKubeconfigs();
    expect(
      Object.fromEntries(Object.entries(hostile).map(([name, text]) => [name, refusal(text).split(" ")[0]])),
    ).toEqual(Object.fromEntries(Object.keys(hostile).map((name) => [name, "kubeconfig.notInline"])));
    expect(refusal(hostile["token-file"]!)).toBe("kubeconfig.notInline users[0].user.token-file");
    expect(refusal(hostile["auth-provider"]!)).toBe("kubeconfig.notInline users[0].user.auth-provider");
  });

  it("run nothing, read nothing and send nothing when an admin saves or checks them", async () => {
    const admin = await makeUser("admin");
    const before = await db.environment.count();
    for (const [index, [name, kubeconfig]] of Object.entries(hostileKubeconfigs()).entries()) {
      const input = ZEnvironmentSchema.parse({ name: `hostile${index}`, kubeconfig, namespacePattern: "{team}-{env}" });
      await expect(saveEnvironment(admin, input, context), name).rejects.toMatchObject({
        code: "invalid_input",
        field: "kubeconfig",
        messageKey: "kubeconfig.notInline",
      });
    }
    expect(existsSync(marker)).toBe(false);
    expect(seen).toEqual([]);
    expect(await db.environment.count()).toBe(before);
  });

  it("send an inline token to the server, and keep the server's answer out of the message", async () => {
    const admin = await makeUser("admin");
    const name = `echo${Date.now().toString(36)}`;
    const input = ZEnvironmentSchema.parse({
      name,
      kubeconfig: kubeconfigFor(server),
      namespacePattern: "{team}-{env}",
    });
    const error = (await saveEnvironment(admin, input, context).catch((e: unknown) => e)) as Error;
    // The recorder works: the inline token reached it, so the empty list above means something.
    expect(seen.map((headers) => headers.authorization)).toContain("Bearer secret-token-value-123");
    expect(error.message).not.toContain("remote-body-canary");
    expect(error.message).toBe(`${name}: the cluster answered 502`);
    expect(await db.environment.count({ where: { name } })).toBe(0);
  });

  it("refuse link-local and cloud metadata servers, however they are written", async () => {
    for (const address of [
      "https://169.254.169.254",
      "http://169.254.169.254:80/latest",
      "https://[fd00:ec2::254]",
      "https://[::ffff:169.254.169.254]",
      "https://[fe80::1]:6443",
      "https://100.100.100.200",
      // The URL parser reads these as 169.254.169.254.
      "https://0xa9fea9fe",
      "https://2852039166",
    ])
      expect(refusal(kubeconfigFor(address)), address).toMatch(/^kubeconfig\.refusedServer /);
    expect(refusal(kubeconfigFor("https://127.0.0.1:6443"))).toBe("accepted");
    expect(isRefusedAddress("10.0.0.1")).toBe(false);
    const admin = await makeUser("admin");
    const saved = saveEnvironment(
      admin,
      ZEnvironmentSchema.parse({
        name: `meta${Date.now().toString(36)}`,
        kubeconfig: kubeconfigFor("https://169.254.169.254"),
        namespacePattern: "{team}-{env}",
        saveUnverified: true,
      }),
      context,
    );
    await expect(saved).rejects.toMatchObject({ field: "kubeconfig", messageKey: "kubeconfig.refusedServer" });
  });

  it("refuse a name that resolves to a metadata address when a connection looks it up", async () => {
    const refused = await new Promise<unknown>((resolve) =>
      guardedLookup("169.254.169.254", { all: true }, (error) => resolve(error)),
    );
    expect(refused).toMatchObject({ code: "ESLIPWAYREFUSEDADDRESS" });
    const allowed = await new Promise<unknown>((resolve) =>
      guardedLookup("localhost", {}, (error, address) => resolve(error ?? address)),
    );
    expect(allowed).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
