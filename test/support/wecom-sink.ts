// A loopback stand-in for WeCom's API (shared/INTEGRATIONS.md §5, §5b), recording every call:
// group robot sends (HTTP 200 with errcode, 20 a minute per key counted whether or not they
// succeed, then 45009), the application's gettoken and message/send (invaliduser for ids it does
// not know, 42001 for a token it did not hand out). Tests can make a key answer 93000 (bad key)
// or 45009 for a number of calls.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

export type RobotCall = {
  key: string;
  at: number;
  body: { msgtype: string; markdown?: { content: string } };
  errcode: number;
};
export type AppCall = {
  at: number;
  body: { touser: string; agentid: number; msgtype: string; markdown?: { content: string } };
};

export type WecomSink = {
  url: string;
  robotCalls: RobotCall[];
  appCalls: AppCall[];
  tokenCalls: number;
  badKeys: Set<string>;
  // key -> how many more calls answer 45009
  rateLimitNext: Map<string, number>;
  knownUsers: Set<string>;
  delivered(key: string): RobotCall[];
  expireTokens(): void;
  close(): Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as unknown;
}

export async function startWecomSink(): Promise<WecomSink> {
  const tokens = new Set<string>();
  const sink: Omit<WecomSink, "url" | "close"> = {
    robotCalls: [],
    appCalls: [],
    tokenCalls: 0,
    badKeys: new Set(),
    rateLimitNext: new Map(),
    knownUsers: new Set(),
    delivered(key) {
      return this.robotCalls.filter((call) => call.key === key && call.errcode === 0);
    },
    expireTokens() {
      tokens.clear();
    },
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://sink");
    const reply = (body: object) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      if (url.pathname === "/cgi-bin/webhook/send" && request.method === "POST") {
        const key = url.searchParams.get("key") ?? "";
        const body = (await readBody(request)) as RobotCall["body"];
        const now = Date.now();
        const lastMinute = sink.robotCalls.filter((call) => call.key === key && call.at > now - 60_000).length;
        const forced = sink.rateLimitNext.get(key) ?? 0;
        if (forced > 0) sink.rateLimitNext.set(key, forced - 1);
        const errcode = sink.badKeys.has(key) ? 93000 : lastMinute >= 20 || forced > 0 ? 45009 : 0;
        sink.robotCalls.push({ key, at: now, body, errcode });
        const errmsg =
          errcode === 0 ? "ok" : errcode === 93000 ? "invalid webhook url, hint: [sink]" : "api freq out of limit";
        return reply({ errcode, errmsg });
      }
      if (url.pathname === "/cgi-bin/gettoken") {
        sink.tokenCalls += 1;
        const token = randomBytes(16).toString("hex");
        tokens.add(token);
        return reply({ errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
      }
      if (url.pathname === "/cgi-bin/message/send" && request.method === "POST") {
        const body = (await readBody(request)) as AppCall["body"];
        if (!tokens.has(url.searchParams.get("access_token") ?? ""))
          return reply({ errcode: 42001, errmsg: "access_token expired" });
        sink.appCalls.push({ at: Date.now(), body });
        const invalid = body.touser.split("|").filter((id) => !sink.knownUsers.has(id));
        return reply({
          errcode: 0,
          errmsg: "ok",
          invaliduser: invalid.join("|"),
          invalidparty: "",
          invalidtag: "",
          msgid: "m1",
        });
      }
      response.writeHead(404).end();
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return Object.assign(sink as WecomSink, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
