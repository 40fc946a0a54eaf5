// Renders per second of the web-service built-in with typical values, on one core (Node runs
// the render loop on its main thread), and the memory it uses.
//   node node_modules/tsx/dist/cli.mjs bench/render/run.ts [--seconds 3]
// With NODE_OPTIONS=--expose-gc the heap figures are taken after a collection.
import { webService } from "@/lib/templates/builtin/web-service";
import { HELLO_APP_VALUES, SAMPLE_APP, SAMPLE_ENV } from "@/lib/templates/builtin/sample-values";
import { renderTemplate, validateTemplate } from "@/lib/templates/render-template";

const secondsArg = process.argv.indexOf("--seconds");
const SECONDS = secondsArg === -1 ? 3 : Number(process.argv[secondsArg + 1]);
const WARM_UP = 2_000;

const collect = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function renderOnce(): number {
  const result = renderTemplate({ ...webService, values: HELLO_APP_VALUES, app: SAMPLE_APP, env: SAMPLE_ENV });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.yaml.length;
}

// CPU time as well as wall time: on a busy machine the process is not always running, and
// renders per CPU-second is what one core would do.
function timed(seconds: number, step: (i: number) => void): { count: number; elapsed: number; cpu: number } {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const end = start + seconds * 1000;
  let count = 0;
  // Check the clock every 100 iterations so reading it does not dominate.
  while (performance.now() < end) for (let i = 0; i < 100; i++) step(count++);
  const cpu = process.cpuUsage(startCpu);
  return { count, elapsed: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

const coldStart = performance.now();
const yamlBytes = renderOnce();
const coldMs = performance.now() - coldStart;

for (let i = 0; i < WARM_UP; i++) renderOnce();
collect();
const before = process.memoryUsage();
const { count, elapsed, cpu } = timed(SECONDS, renderOnce);
const after = process.memoryUsage();
collect();
const settled = process.memoryUsage();

// A body the cache has not seen: parsing and checking it, as on every keystroke in the editor.
const compile = timed(1, (i) => {
  const result = validateTemplate({ schema: webService.schema, body: `${webService.body}# ${i}\n` });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
});

console.log(`web-service render (objects + YAML, ${yamlBytes} bytes of YAML), node ${process.version}`);
console.log(`  first render (parse + check + render): ${coldMs.toFixed(1)} ms`);
console.log(
  `  renders/s (wall clock): ${Math.round(count / elapsed)}  (${count} in ${elapsed.toFixed(2)} s; goal >= 5000)`,
);
console.log(
  `  renders per CPU-second: ${Math.round(count / cpu)}  (${((1e6 * cpu) / count).toFixed(1)} µs of CPU each)`,
);
console.log(`  uncached template checks per CPU-second: ${Math.round(compile.count / compile.cpu)}`);
const gcNote = (globalThis as { gc?: unknown }).gc ? "after a forced GC" : "no forced GC: set NODE_OPTIONS=--expose-gc";
console.log(`  heapUsed: ${mb(before.heapUsed)} before the run, ${mb(after.heapUsed)} at its end (garbage included)`);
console.log(
  `  heapUsed delta over the run: ${mb(settled.heapUsed - before.heapUsed)} (${gcNote}); RSS ${mb(settled.rss)}`,
);
