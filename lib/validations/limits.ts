// Limits shared by the zod schemas, lib/auth/password.ts and browser code. Browser code takes
// them from here rather than from the schema modules: zod's schema compiler probes whether it
// may evaluate code, which the Content-Security-Policy refuses and reports as a violation.
export const MIN_PASSWORD_LENGTH_VALUE = 10;

export const MAX_TAIL_LINES = 5000;
export const DEFAULT_TAIL_LINES = 200;
