import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The fault tests (issue 12): Slipway as real `next start` processes of the production build,
// killed, stopped and run two at a time against a PostgreSQL server they stop and start. They
// need `next build` first, so `npm test` runs them after the build (scripts/test.ts).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["lib/**/*.faults.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
