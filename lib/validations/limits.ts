// Shared by the zod schemas (browser and server) and lib/auth/password.ts.
export const MIN_PASSWORD_LENGTH_VALUE = 10;
