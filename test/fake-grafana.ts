// A loopback server that answers as Grafana documents it (Grafana cannot run here): the health
// check, dashboards by uid, the annotations API with a service-account token, and panel pages
// with the headers its [security] settings produce (allow_embedding, cookie_samesite,
// content_security_policy) and its anonymous or signed-in access.
// Sources: INTEGRATIONS.md §6 (conf/defaults.ini, docs/sources/developers/http_api/annotations.md).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FakeGrafanaOptions = {
  token: string;
  dashboards: string[];
  allowEmbedding: boolean;
  anonymous: boolean;
  cookieSameSite: "lax" | "strict" | "none" | "disabled";
  cookieSecure: boolean;
  // content_security_policy_template's frame-ancestors, when set.
  frameAncestors: string | null;
};

export type StoredAnnotation = {
  id: number;
  time: number;
  timeEnd: number;
  tags: string[];
  text: string;
  dashboardUID?: string;
};

export type FakeGrafana = {
  url: string;
  options: FakeGrafanaOptions;
  annotations: StoredAnnotation[];
  requests: { method: string; path: string; authorization: string | null }[];
  // Every connection is cut at once, as a Grafana that is down or unreachable.
  down: boolean;
  close(): Promise<void>;
};

const DEFAULTS: FakeGrafanaOptions = {
  token: "glsa_fake_service_account_token_0123456789",
  dashboards: ["slipway-app"],
  allowEmbedding: true,
  anonymous: true,
  cookieSameSite: "lax",
  cookieSecure: false,
  frameAncestors: null,
};

// What Grafana's API answers to a bad token (pkg/api/response, apikey middleware).
const INVALID_KEY = { message: "Invalid API key", messageId: "api-key.invalid", statusCode: 401, traceID: "" };

export async function startFakeGrafana(options: Partial<FakeGrafanaOptions> = {}): Promise<FakeGrafana> {
  const sockets = new Set<Socket>();
  const fake: Omit<FakeGrafana, "url" | "close"> = {
    options: { ...DEFAULTS, ...options },
    annotations: [],
    requests: [],
    down: false,
  };

  function json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  }

  // Grafana's default response headers for pages (middleware.AddDefaultResponseHeaders).
  function pageHeaders(): Record<string, string> {
    const headers: Record<string, string> = { "Content-Type": "text/html; charset=UTF-8" };
    if (!fake.options.allowEmbedding) headers["X-Frame-Options"] = "deny";
    if (fake.options.frameAncestors !== null) {
      headers["Content-Security-Policy"] =
        `script-src 'self' 'unsafe-eval'; frame-ancestors ${fake.options.frameAncestors}`;
    }
    return headers;
  }

  function cookie(name: string, value: string): string {
    const parts = [`${name}=${value}`, "Path=/", "HttpOnly"];
    if (fake.options.cookieSecure) parts.push("Secure");
    if (fake.options.cookieSameSite !== "disabled") {
      parts.push(`SameSite=${fake.options.cookieSameSite[0]!.toUpperCase()}${fake.options.cookieSameSite.slice(1)}`);
    }
    return parts.join("; ");
  }

  async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://grafana.invalid");
    const authorization = req.headers.authorization ?? null;
    fake.requests.push({ method: req.method ?? "GET", path: `${url.pathname}${url.search}`, authorization });
    const authorized = authorization === `Bearer ${fake.options.token}`;
    if (url.pathname === "/api/health") {
      return json(res, 200, { commit: "0000000", database: "ok", version: "11.3.0" });
    }
    if (url.pathname.startsWith("/api/")) {
      if (!authorized) return json(res, 401, INVALID_KEY);
      const dashboard = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(url.pathname);
      if (dashboard) {
        const uid = decodeURIComponent(dashboard[1]!);
        return fake.options.dashboards.includes(uid)
          ? json(res, 200, { dashboard: { uid, title: uid }, meta: {} })
          : json(res, 404, { message: "Dashboard not found" });
      }
      if (url.pathname === "/api/annotations" && req.method === "GET") {
        const tags = url.searchParams.getAll("tags");
        return json(
          res,
          200,
          fake.annotations.filter((a) => tags.every((tag) => a.tags.includes(tag))),
        );
      }
      if (url.pathname === "/api/annotations" && req.method === "POST") {
        const input = await body(req);
        if (typeof input.text !== "string") return json(res, 400, { message: "bad request data" });
        const id = fake.annotations.length + 1;
        fake.annotations.push({
          id,
          time: Number(input.time),
          timeEnd: Number(input.timeEnd ?? input.time),
          tags: (input.tags as string[] | undefined) ?? [],
          text: input.text,
          ...(typeof input.dashboardUID === "string" ? { dashboardUID: input.dashboardUID } : {}),
        });
        return json(res, 200, { message: "Annotation added", id });
      }
      const one = /^\/api\/annotations\/(\d+)$/.exec(url.pathname);
      if (one && req.method === "PATCH") {
        const stored = fake.annotations.find((a) => a.id === Number(one[1]));
        if (!stored) return json(res, 404, { message: "Could not find annotation to update" });
        const input = await body(req);
        if (input.time !== undefined) stored.time = Number(input.time);
        if (input.timeEnd !== undefined) stored.timeEnd = Number(input.timeEnd);
        if (Array.isArray(input.tags)) stored.tags = input.tags as string[];
        if (typeof input.text === "string") stored.text = input.text;
        return json(res, 200, { message: "Annotation patched" });
      }
      return json(res, 404, { message: "Not found" });
    }
    if (url.pathname === "/login") {
      res.writeHead(200, pageHeaders());
      return res.end("<!doctype html><title>Grafana</title><p>Sign in</p>");
    }
    if (url.pathname.startsWith("/d-solo/") || url.pathname.startsWith("/d/")) {
      if (!fake.options.anonymous) {
        res.writeHead(302, {
          ...pageHeaders(),
          Location: "/login",
          "Set-Cookie": cookie("redirect_to", encodeURIComponent(`${url.pathname}${url.search}`)),
        });
        return res.end();
      }
      res.writeHead(200, pageHeaders());
      const panel = url.searchParams.get("panelId") ?? "dashboard";
      return res.end(`<!doctype html><title>Grafana panel ${panel}</title><p>panel ${panel}</p>`);
    }
    res.writeHead(404, pageHeaders());
    res.end("<!doctype html><p>Page not found</p>");
  }

  const server = createServer((req, res) => {
    if (fake.down) {
      req.socket.destroy();
      return;
    }
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}
