// Relays connections, to let a process outside the gateway tests' network namespace reach
// addresses inside it: Unix sockets are files, not network endpoints, so one relay inside the
// namespace serves Unix sockets that lead to its TCP addresses, and one outside serves loopback
// ports that lead to those sockets. Each argument is <listen>=<target>; an address with a "/"
// is a Unix socket path, any other is host:port (port 0: any free port). Prints
// "relay <listening address> -> <target>" for each once it listens.
// With --exit-with-parent it ends when the process that started it does (a killed test run
// leaves no relay behind outside the namespace; the next run clears the namespace itself).
//   node netns-relay.mjs /dir/apiserver.sock=127.0.0.1:16443                        (inside)
//   node netns-relay.mjs --exit-with-parent 127.0.0.1:0=/dir/apiserver.sock         (outside)
import { rmSync } from "node:fs";
import { connect, createServer } from "node:net";

const args = process.argv.slice(2).filter((arg) => arg !== "--exit-with-parent");
if (args.length < process.argv.length - 2) {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(0), 500).unref();
}

const address = (text) => {
  if (text.includes("/")) return { path: text };
  const colon = text.lastIndexOf(":");
  return { host: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
};

for (const spec of args) {
  const at = spec.indexOf("=");
  const [listen, target] = [spec.slice(0, at), spec.slice(at + 1)].map(address);
  if (listen.path) rmSync(listen.path, { force: true });
  const server = createServer((client) => {
    const upstream = connect(target);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).pipe(upstream).on("error", close).pipe(client);
    client.on("close", close);
    upstream.on("close", close);
  });
  server.on("error", (error) => {
    console.error(`relay ${spec}: ${error.message}`);
    process.exit(1);
  });
  server.listen(listen, () => {
    const bound = server.address();
    const where = typeof bound === "string" ? bound : `${bound.address}:${bound.port}`;
    console.log(`relay ${where} -> ${spec.slice(at + 1)}`);
  });
}
