// The build's static files (`.next/static`: scripts, style sheets, fonts), for the front to answer
// without Next.js. A browser that opens the sign-in page needs its style sheet and scripts before
// it shows or runs anything; from Next.js each would wait behind whatever pages it is rendering
// (bench/scale: a static file 14 ms alone, 143 ms beside five people listing apps). Their names
// carry a hash of their content, so a file once read never changes: each is read from disk once
// and kept, with its gzip, up to KEPT_BYTES in all (a build has a few MB).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

export const STATIC_PREFIX = "/_next/static/";
const KEPT_BYTES = 64 * 1024 * 1024;

// What Next.js sends them as; other kinds are left to Next.js. Fonts and images are compressed
// already.
const TYPES: Record<string, { type: string; compress: boolean }> = {
  ".js": { type: "application/javascript; charset=UTF-8", compress: true },
  ".css": { type: "text/css; charset=UTF-8", compress: true },
  ".json": { type: "application/json; charset=UTF-8", compress: true },
  ".svg": { type: "image/svg+xml", compress: true },
  ".txt": { type: "text/plain; charset=UTF-8", compress: true },
  ".woff2": { type: "font/woff2", compress: false },
  ".woff": { type: "font/woff", compress: false },
  ".ttf": { type: "font/ttf", compress: true },
  ".png": { type: "image/png", compress: false },
  ".jpg": { type: "image/jpeg", compress: false },
  ".webp": { type: "image/webp", compress: false },
  ".ico": { type: "image/x-icon", compress: true },
};

export type StaticFile = { body: Buffer; gzip: Buffer | null; etag: string; type: string };

export type StaticFiles = {
  // The file a request path names under /_next/static/, or null: not such a path, not a file
  // of the build, or a path that would leave the directory (then Next.js answers it).
  find(url: string): Promise<StaticFile | null>;
};

export function staticFiles(directory: string): StaticFiles {
  const root = resolve(directory);
  const kept = new Map<string, StaticFile>();
  let keptBytes = 0;

  function pathOf(url: string): string | null {
    const path = url.split(/[?#]/, 1)[0]!;
    if (!path.startsWith(STATIC_PREFIX)) return null;
    let relative: string;
    try {
      relative = decodeURIComponent(path.slice(STATIC_PREFIX.length));
    } catch {
      return null;
    }
    if (relative.includes("\0") || relative.includes("\\")) return null;
    const full = resolve(root, relative);
    return full.startsWith(root + sep) ? full : null;
  }

  return {
    async find(url) {
      const full = pathOf(url);
      if (!full) return null;
      const known = kept.get(full);
      if (known) return known;
      const kind = TYPES[extname(full).toLowerCase()];
      if (!kind) return null;
      let body: Buffer;
      try {
        body = await readFile(full);
      } catch {
        return null; // missing, a directory, unreadable: Next.js says what it is
      }
      const file: StaticFile = {
        body,
        gzip: kind.compress ? gzipSync(body) : null,
        etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
        type: kind.type,
      };
      if (keptBytes + body.length + (file.gzip?.length ?? 0) <= KEPT_BYTES) {
        kept.set(full, file);
        keptBytes += body.length + (file.gzip?.length ?? 0);
      }
      return file;
    },
  };
}
