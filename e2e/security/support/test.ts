// The security specs' `test`: one world (world.ts) per worker, shared by every spec file the
// worker runs, built before the first test and rebuilt only after a failure restarts the worker.
import { test as base } from "@playwright/test";
import { closeDatabase } from "./server";
import { buildWorld, disposeWorld, type World } from "./world";

export { expect } from "@playwright/test";

export const test = base.extend<object, { world: World }>({
  world: [
    async ({}, use, workerInfo) => {
      const world = await buildWorld(String(workerInfo.project.use.baseURL));
      await use(world);
      await disposeWorld(world);
      await closeDatabase();
    },
    { scope: "worker", timeout: 240_000 },
  ],
});
