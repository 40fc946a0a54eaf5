// Clients for the test sandbox (started by test/global-setup.ts): the cluster admin, for
// arranging and inspecting, and Slipway's own identity, for what Slipway does.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { buildClient, type KubeClient } from "@/lib/kube/client";
import { parseKubeconfig } from "@/lib/kube/kubeconfig";

export function sandboxKubeconfig(which: "admin" | "slipway"): string {
  const sandbox = inject("sandbox");
  return readFileSync(which === "admin" ? sandbox.adminKubeconfig : sandbox.slipwayKubeconfig, "utf8");
}

export function sandboxClient(which: "admin" | "slipway"): KubeClient {
  return buildClient(`sandbox-${which}`, parseKubeconfig(sandboxKubeconfig(which)).config);
}

// Polls until the probe gives an answer (truthy, and not an empty list) or the time is up.
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      // An empty list is no answer yet: "the pods" means at least one.
      if (value && !(Array.isArray(value) && value.length === 0)) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

// kubectl against the sandbox, as its admin.
export function kubectl(...args: string[]): string {
  const sandbox = inject("sandbox");
  return execFileSync("bash", [join(process.cwd(), "sandbox", "ctl.sh"), "kubectl", ...args], {
    env: { ...process.env, SANDBOX_DIR: sandbox.dir, SANDBOX_PORT: String(sandbox.port) },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}
