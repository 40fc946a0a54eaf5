// A token service for the test registry (distribution's token.md): GET /token?service&scope
// answers a JWT signed RS256 by a self-signed certificate that the registry trusts
// (`auth.token.rootcertbundle`), carried in the `x5c` header. HTTP Basic credentials are
// required when configured, as Harbor's /service/token requires them for private projects.
import { createPrivateKey, randomBytes, sign, X509Certificate } from "node:crypto";
import { createServer, type Server } from "node:http";
import { closeServer, listenOnLoopback } from "./loopback-server";

export type TokenServer = {
  url: string;
  realm: string;
  service: string;
  issuer: string;
  certificate: string;
  // A token for the given scopes, for the tests' own pushes.
  token: (scopes: string[]) => string;
  // How many tokens it has handed out (each one an authenticated round trip).
  issued: () => number;
  stop: () => Promise<void>;
};

const b64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

export async function startTokenServer(options: { username?: string; password?: string } = {}): Promise<TokenServer> {
  const { generate } = await import("selfsigned");
  const pems = await generate([{ name: "commonName", value: "slipway-test-token-issuer" }], { keySize: 2048 });
  const der = new X509Certificate(pems.cert).raw;
  const key = createPrivateKey(pems.private);
  const service = "slipway-test-registry";
  const issuer = "slipway-test-issuer";
  let count = 0;
  const token = (scopes: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.map((scope) => {
      const [type = "", ...rest] = scope.split(":");
      const actions = (rest.pop() ?? "").split(",").filter(Boolean);
      return { type, name: rest.join(":"), actions };
    });
    const header = b64url(JSON.stringify({ typ: "JWT", alg: "RS256", x5c: [der.toString("base64")] }));
    const claims = b64url(
      JSON.stringify({
        iss: issuer,
        sub: options.username ?? "anonymous",
        aud: service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(8).toString("hex"),
        access,
      }),
    );
    const signature = b64url(sign("sha256", Buffer.from(`${header}.${claims}`), key));
    return `${header}.${claims}.${signature}`;
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    if (url.pathname !== "/token") {
      response.writeHead(404).end();
      return;
    }
    if (options.username) {
      const expected = `Basic ${Buffer.from(`${options.username}:${options.password ?? ""}`).toString("base64")}`;
      if (request.headers.authorization !== expected) {
        response
          .writeHead(401, { "Content-Type": "application/json" })
          .end('{"details":"incorrect username or password"}');
        return;
      }
    }
    count++;
    const value = token(url.searchParams.getAll("scope"));
    response
      .writeHead(200, { "Content-Type": "application/json" })
      .end(JSON.stringify({ token: value, access_token: value, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    realm: `${url}/token`,
    service,
    issuer,
    certificate: pems.cert,
    token,
    issued: () => count,
    stop: () => closeServer(server),
  };
}
