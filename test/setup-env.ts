import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.SLIPWAY_ENCRYPTION_KEY ??= "0".repeat(63) + "1";
