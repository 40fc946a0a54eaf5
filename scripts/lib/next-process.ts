import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { root } from "./prepare";

// Starts the Next.js CLI under the same (pinned) Node, without the react-server condition the
// scripts themselves run with.
export function startNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const { NODE_OPTIONS: _dropped, ...rest } = env;
  return spawn(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), ...args], {
    cwd: root,
    env: rest,
    stdio: "inherit",
  });
}
