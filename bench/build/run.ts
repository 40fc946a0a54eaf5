// Build chain benchmark: (a) push to release, from Harbor's webhook request to the dev release
// applying, p50/p95 over 50 pushes (goal p95 <= 1 s); (b) the tag picker with 2,000 tags in
// the registry, server time p50/p95 (goal p95 <= 300 ms).
//   export PATH=$HOME/.cache/slipway/toolchain/node-24.21.0/bin:$PATH
//   BENCH_PORT=3040 BENCH_PG_PORT=54442 node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/build/run.ts [--runs 50]
// Starts its own PostgreSQL, `next start`, a docker-registry and a loopback Harbor, and stops
// them at the end; uses the shared test sandbox. See bench/build/README.md.
import { cpus, loadavg } from "node:os";
import { HarborFake } from "@/test/support/harbor-fake";
import { startRegistry, type TestRegistry } from "@/test/support/registry";
import { benchEnvironment, benchHarness } from "../deploy/harness";
import { median, ms, percentile, progress } from "../deploy/stats";
import { adminUser } from "../deploy/world";
import { measurePushToRelease } from "./push-to-release";
import { fillHarbor, fillRegistry, measureDigests, measurePicker, TAGS } from "./tag-picker";
import { createBuildWorld } from "./world";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const RUNS = option("runs", 50);

const line = (label: string, values: number[], goal?: string) =>
  console.log(
    `    ${label.padEnd(44)} p50 ${ms(median(values)).padStart(10)}   p95 ${ms(percentile(values, 95)).padStart(10)}` +
      (goal ? `   goal ${goal}` : ""),
  );

benchEnvironment();
const harness = benchHarness();
let harbor: HarborFake | undefined;
let registry: TestRegistry | undefined;
try {
  await harness.start();
  harbor = await new HarborFake().start();
  registry = await startRegistry();
  const admin = await adminUser();
  const world = await createBuildWorld(admin, harbor, registry.url);

  progress(`(a) ${RUNS} pushes (+5 warm-up)`);
  const pushes = await measurePushToRelease(harbor, world, RUNS);

  progress(`(b) filling the registry and Harbor with ${TAGS} tags each`);
  await fillRegistry(registry.url, world.repository);
  fillHarbor(harbor, world.repository);
  const test = { appId: world.appId, environmentId: world.testId };
  const dev = { appId: world.appId, environmentId: world.devId };
  const ociCold = await measurePicker(admin, test, RUNS, { cold: true });
  const ociDigests = await measureDigests(admin, test, RUNS);
  const oci = await measurePicker(admin, test, RUNS);
  const ociSearch = await measurePicker(admin, { ...test, search: "17." }, RUNS, { cold: true });
  const ociSearchDigests = await measureDigests(admin, { ...test, search: "17." }, RUNS);
  const harborTimes = await measurePicker(admin, dev, RUNS);
  const harborSearch = await measurePicker(admin, { ...dev, search: "17." }, RUNS);

  console.log("");
  console.log(
    `build chain benchmark, ${cpus().length} CPUs, load ${loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  console.log(`(a) push to release: ${pushes.toApplying.length} pushes counted (+${pushes.warmUp} warm-up)`);
  line("webhook request -> dev release applying", pushes.toApplying, "p95 <= 1000 ms");
  line("webhook answered (Harbor waits 3 s)", pushes.answer);
  console.log(`(b) tag picker, ${TAGS} tags in the registry, server time, ${RUNS} runs each (+5 warm-up)`);
  line("docker-registry 2.8.2, newest 20, first view", ociCold, "p95 <= 300 ms");
  line("  then its 20 digests (6 HEADs at a time)", ociDigests);
  line("docker-registry 2.8.2, newest 20, digests known", oci, "p95 <= 300 ms");
  line("docker-registry 2.8.2, search '17.', first view", ociSearch, "p95 <= 300 ms");
  line("  then its digests", ociSearchDigests);
  line("Harbor API v2.0 (loopback), newest 20", harborTimes, "p95 <= 300 ms");
  line("Harbor API v2.0 (loopback), search '17.'", harborSearch, "p95 <= 300 ms");
} finally {
  await harbor?.stop();
  await registry?.stop();
  await harness.stop();
  process.exit(0);
}
