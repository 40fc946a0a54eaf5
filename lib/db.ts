import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type { Prisma } from "@/lib/generated/prisma/client";
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process; dev hot reload must not open a new pool on every edit.
const globalForPrisma = globalThis as unknown as { slipwayPrisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.slipwayPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env.DATABASE_URL, max: 10 }),
    // Prisma's defaults (2 s to get a connection, 5 s per transaction) fail release
    // bookkeeping on a busy machine; these still end a stuck transaction.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
  return globalForPrisma.slipwayPrisma;
}

// Connects on first use, so that importing this module (as `next build` does) needs no database.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const real = client();
    const value: unknown = Reflect.get(real, key, real);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(real) : value;
  },
});
