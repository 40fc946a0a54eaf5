// Starts and stops the local Kubernetes control plane (sandbox/) for `npm run dev` and
// `npm test` when no KUBECONFIG is given. up.sh builds the binary on first use (about 15 min
// on 2 cores, cached under ~/.cache/slipway/sandbox), prints its progress, and is idempotent.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "./prepare";
import { step } from "./log";

export type Sandbox = { dir: string; port: number; adminKubeconfig: string; slipwayKubeconfig: string };

export function sandboxAt(dir: string, port: number): Sandbox {
  return {
    dir,
    port,
    adminKubeconfig: join(dir, "admin.kubeconfig"),
    slipwayKubeconfig: join(dir, "slipway.kubeconfig"),
  };
}

function script(name: string, sandbox: Sandbox, args: string[] = []): void {
  const result = spawnSync("bash", [join(root, "sandbox", name), ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, SANDBOX_DIR: sandbox.dir, SANDBOX_PORT: String(sandbox.port), NODE_OPTIONS: "" },
  });
  if (result.status !== 0) throw new Error(`sandbox/${name} failed (exit ${result.status ?? result.signal})`);
}

export function startSandbox(dir: string, port: number): Sandbox {
  const sandbox = sandboxAt(dir, port);
  step(`starting the Kubernetes sandbox (${dir}, apiserver port ${port})`);
  script("up.sh", sandbox);
  return sandbox;
}

export function stopSandbox(sandbox: Sandbox, options: { purge?: boolean } = {}): void {
  script("down.sh", sandbox, options.purge ? ["--purge"] : []);
}

// The test sandbox: shared by vitest, the end-to-end server and `npm test` (which stops it).
export function startTestSandbox(): Sandbox {
  return startSandbox(
    process.env.SLIPWAY_TEST_SANDBOX_DIR ?? join(root, ".data", "test-sandbox"),
    Number(process.env.SLIPWAY_TEST_SANDBOX_PORT ?? 17443),
  );
}
