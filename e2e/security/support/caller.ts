// One principal's HTTP client: signs in through next-auth like the login form, calls server
// actions the way React does (POST with the action's id) and routes, and reads pages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ROOT } from "./discover";

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> };

let manifest: Manifest | undefined;

// The action's id and a page that has it, from the production build's manifest.
export function actionTarget(file: string, name: string): { id: string; page: string } {
  manifest ??= JSON.parse(readFileSync(join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8"));
  const entry = Object.entries(manifest!.node).find(
    ([, value]) => value.filename === file && value.exportedName === name,
  );
  if (!entry) throw new Error(`${file} ${name}: not in the build's server-reference manifest (rebuild?)`);
  const pages = Object.keys(entry[1].workers).map(
    (worker) =>
      `/${worker
        .split("/")
        .slice(1, -1)
        .filter((segment) => !/^\(.*\)$/.test(segment))
        .join("/")}`,
  );
  // A page without dynamic segments takes the action without anything to fill in.
  return { id: entry[0], page: pages.find((page) => !page.includes("[")) ?? pages[0]!.replace(/\[\w+\]/g, "x") };
}

export type ActionAnswer = {
  status: number;
  result: { ok: boolean; data?: unknown; error?: { code: string; field?: string; message: string } } | null;
  body: string;
};

// The action's return value is the chunk the first line points at ("0:{"a":"$@1",…}" then
// "1:{…}"), in React's flight format.
function actionResult(body: string): ActionAnswer["result"] {
  const lines = body.split("\n");
  const head = lines.find((line) => line.startsWith("0:"));
  const ref = head ? /"a":"\$@(\w+)"/.exec(head)?.[1] : undefined;
  const line = ref ? lines.find((candidate) => candidate.startsWith(`${ref}:`)) : undefined;
  if (!line) return null;
  try {
    return JSON.parse(line.slice(ref!.length + 1)) as ActionAnswer["result"];
  } catch {
    return null;
  }
}

// Headers given as "" are left out: `{ origin: "" }` sends no Origin at all.
function present(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ""));
}

export class Caller {
  private constructor(
    readonly label: string,
    readonly http: APIRequestContext,
    readonly baseURL: string,
  ) {}

  // A connection per request: a kept-alive one that the server closes after 5 idle seconds (the
  // tests wait for rollouts between calls) would reset a request sent at that moment.
  static async anonymous(label: string, baseURL: string, headers: Record<string, string> = {}): Promise<Caller> {
    return new Caller(
      label,
      await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { connection: "close", ...headers } }),
      baseURL,
    );
  }

  // Signs in with the credentials form's endpoints: the CSRF token, then the callback.
  static async signIn(label: string, baseURL: string, email: string, password: string): Promise<Caller> {
    const caller = await Caller.anonymous(label, baseURL);
    const { csrfToken } = (await (await caller.http.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await caller.http.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password, json: "true", callbackUrl: `${baseURL}/apps` },
      headers: { origin: baseURL },
      maxRedirects: 0,
    });
    const cookies = (await caller.http.storageState()).cookies.map((cookie) => cookie.name);
    if (!cookies.some((name) => name.endsWith("next-auth.session-token")))
      throw new Error(`${label}: signing in as ${email} failed (${response.status()})`);
    return caller;
  }

  async cookieHeader(): Promise<string> {
    return (await this.http.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  }

  // A server action called as the browser calls it, from a page of this origin.
  async action(
    file: string,
    name: string,
    input: unknown,
    headers: Record<string, string> = {},
  ): Promise<ActionAnswer> {
    const { id, page } = actionTarget(file, name);
    return this.rawAction(id, page, JSON.stringify([input]), headers);
  }

  async rawAction(id: string, page: string, body: string, headers: Record<string, string> = {}): Promise<ActionAnswer> {
    const response = await this.http.post(page, {
      headers: present({
        "next-action": id,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: this.baseURL,
        ...headers,
      }),
      data: body,
      maxRedirects: 0,
    });
    const text = await response.text();
    return { status: response.status(), result: actionResult(text), body: text };
  }

  async route(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<APIResponse> {
    return this.http.fetch(path, {
      method,
      headers: present({
        origin: this.baseURL,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      }),
      ...(body !== undefined ? { data: typeof body === "string" ? body : JSON.stringify(body) } : {}),
      maxRedirects: 0,
    });
  }

  async dispose(): Promise<void> {
    await this.http.dispose();
  }
}
