// Stands in for containers in the gateway tests' network namespace, where kwok's pod CIDR is a
// local route: one HTTP server per Running pod on its pod IP and each container port, answering
// "pod=<namespace>/<name>". Servers follow the pods (new, rescheduled, deleted) by polling the
// apiserver as its admin. Only Node's standard library.
//   node podsim.mjs https://127.0.0.1:16443 <ca.crt> <admin.crt> <admin.key>
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { createServer } from "node:http";

const [apiserver, caFile, certFile, keyFile] = process.argv.slice(2);
const agent = new Agent({
  ca: readFileSync(caFile),
  cert: readFileSync(certFile),
  key: readFileSync(keyFile),
  keepAlive: true,
});
const POLL_MS = 200;
const servers = new Map(); // "ip:port" -> { pod, server }

function listRunningPods() {
  return new Promise((resolve, reject) => {
    const req = request(
      `${apiserver}/api/v1/pods?fieldSelector=status.phase%3DRunning`,
      { agent, timeout: 5000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`));
          resolve(JSON.parse(body).items);
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

function endpoints(pod) {
  const ip = pod.status?.podIP;
  if (!ip) return [];
  const ports = (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
  return ports.map((port) => ({ key: `${ip}:${port}`, ip, port, pod: `${pod.metadata.namespace}/${pod.metadata.name}` }));
}

function open({ key, ip, port, pod }) {
  const server = createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`pod=${pod}\n`);
  });
  servers.set(key, { pod, server });
  server.on("error", (error) => {
    console.error(`podsim: ${key} (${pod}): ${error.message}`);
    servers.delete(key);
  });
  server.listen(port, ip, () => console.log(`podsim: serving ${pod} on ${key}`));
}

function close(key) {
  const entry = servers.get(key);
  servers.delete(key);
  entry.server.close();
  entry.server.closeAllConnections();
  console.log(`podsim: ${entry.pod} on ${key} gone`);
}

async function sync() {
  const wanted = new Map((await listRunningPods()).flatMap(endpoints).map((e) => [e.key, e]));
  for (const [key, entry] of servers) if (wanted.get(key)?.pod !== entry.pod) close(key);
  for (const [key, endpoint] of wanted) if (!servers.has(key)) open(endpoint);
}

let first = true;
for (;;) {
  try {
    await sync();
    if (first) console.log(`podsim: following the Running pods of ${apiserver} every ${POLL_MS} ms`);
    first = false;
  } catch (error) {
    console.error(`podsim: ${error.message}`);
  }
  await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}
