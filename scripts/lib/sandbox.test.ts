import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { root } from "./prepare";

describe("the sandbox's up.sh", () => {
  it("refuses to set up a running sandbox again for another port, leaving its kubeconfigs alone", () => {
    const sandbox = inject("sandbox");
    const before = readFileSync(sandbox.adminKubeconfig, "utf8");
    const run = spawnSync("bash", [join(root, "sandbox", "up.sh")], {
      env: { ...process.env, SANDBOX_DIR: sandbox.dir, SANDBOX_PORT: String(sandbox.port + 7) },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`the sandbox in ${sandbox.dir} runs on port ${sandbox.port}, not ${sandbox.port + 7}`);
    expect(readFileSync(sandbox.adminKubeconfig, "utf8")).toBe(before);
    // Its own port still finds it running.
    const again = spawnSync("bash", [join(root, "sandbox", "up.sh")], {
      env: { ...process.env, SANDBOX_DIR: sandbox.dir, SANDBOX_PORT: String(sandbox.port) },
      encoding: "utf8",
    });
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("sandbox already running");
  });
});
