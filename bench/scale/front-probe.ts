// /login beside five list users who never pause, through the front and straight at Next.js
// (bench/scale/README.md, "the front"). Against a running `npm start` whose admin can sign in,
// with apps in its database (test/app-list-fixtures.ts seedApps), and the loopback address
// `npm start` printed for Next.js:
//   node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/scale/front-probe.ts \
//     http://localhost:3000 http://127.0.0.1:<port> <admin password> [admin email]
import { signIn } from "@/test/slipway-server";
import { percentile } from "../deploy/stats";
const [front, next, password, email = "admin@slipway.local"] = process.argv.slice(2) as [
  string,
  string,
  string,
  string?,
];
const seconds = 15;
async function get(url: string, cookie?: string) {
  const t = performance.now();
  const r = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url} ${r.status}`);
  return performance.now() - t;
}
const pct = (values: number[], p: number) => percentile(values, p).toFixed(1);
const cookie = await signIn(front, email, password);
const probes = {
  "front /login": `${front}/login`,
  "next /login": `${next}/login`,
  "front /icon.svg": `${front}/icon.svg`,
  "next /icon.svg": `${next}/icon.svg`,
};
for (let i = 0; i < 10; i++) {
  for (const u of Object.values(probes)) await get(u);
  await get(`${front}/apps`, cookie);
}
const alone: Record<string, number[]> = {};
const beside: Record<string, number[]> = {};
for (const [k, u] of Object.entries(probes)) {
  alone[k] = [];
  for (let i = 0; i < 30; i++) alone[k]!.push(await get(u));
}
let busy = true;
const lists: number[] = [];
const users = Array.from({ length: 5 }, async () => {
  while (busy) lists.push(await get(`${front}/apps`, cookie));
});
const probe = (async () => {
  await new Promise((r) => setTimeout(r, 500));
  while (busy)
    for (const [k, u] of Object.entries(probes)) {
      (beside[k] ??= []).push(await get(u));
      await new Promise((r) => setTimeout(r, 10));
    }
})();
await new Promise((r) => setTimeout(r, seconds * 1000));
busy = false;
await Promise.all([...users, probe]);
for (const k of Object.keys(probes))
  console.log(
    `${k.padEnd(16)} alone p50 ${pct(alone[k]!, 50)} p95 ${pct(alone[k]!, 95)} | beside p50 ${pct(beside[k]!, 50)} p95 ${pct(beside[k]!, 95)} (n=${beside[k]!.length})`,
  );
console.log(`list through the front: p50 ${pct(lists, 50)} p95 ${pct(lists, 95)} (n=${lists.length})`);
