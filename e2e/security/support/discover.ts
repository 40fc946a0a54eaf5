// What the app offers, read from the file system, so that a new action, route or page is
// covered by the security tests as soon as it exists (and fails them until it has a row).
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";

export const ROOT = process.cwd();

function files(dir: string, match: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...files(path, match));
    else if (match(entry.name)) found.push(path.split(sep).join("/"));
  }
  return found.sort();
}

// "app/(console)/apps/[app]/page.tsx" -> "/apps/[app]": route groups leave the URL.
function urlOf(file: string): string {
  const segments = file
    .split("/")
    .slice(1, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

export type DiscoveredAction = { file: string; name: string };

// Every exported server action: the exports of "use server" modules under app/ and lib/actions/.
export function discoverActions(): DiscoveredAction[] {
  const modules = [...files("app", (name) => /\.tsx?$/.test(name)), ...files("lib/actions", (n) => /\.ts$/.test(n))];
  return modules
    .filter((file) => /^\s*["']use server["']/.test(readFileSync(join(ROOT, file), "utf8")))
    .flatMap((file) =>
      [
        ...readFileSync(join(ROOT, file), "utf8").matchAll(/^export\s+(?:const|async\s+function|function)\s+(\w+)/gm),
      ].map((match) => ({ file, name: match[1]! })),
    );
}

export type DiscoveredRoute = { file: string; path: string; methods: string[] };

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

// Every route handler under app/ with the HTTP methods it exports.
export function discoverRoutes(): DiscoveredRoute[] {
  return files("app", (name) => /^route\.tsx?$/.test(name)).map((file) => {
    const source = readFileSync(join(ROOT, file), "utf8");
    const methods = METHODS.filter((method) =>
      new RegExp(
        `export\\s+(?:const|async\\s+function|function)\\s+${method}\\b|export\\s*\\{[^}]*\\bas\\s+${method}\\b`,
      ).test(source),
    );
    return { file, path: urlOf(file), methods };
  });
}

export type DiscoveredPage = { file: string; path: string; params: string[] };

// Every page under app/, as its URL pattern and the names of its dynamic segments.
export function discoverPages(): DiscoveredPage[] {
  return files("app", (name) => /^page\.tsx?$/.test(name)).map((file) => {
    const path = urlOf(file);
    return { file, path, params: [...path.matchAll(/\[(\w+)\]/g)].map((match) => match[1]!) };
  });
}
