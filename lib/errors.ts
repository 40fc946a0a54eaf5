// One error shape for the whole app: services throw AppError, route handlers answer
// `{ error: { code, message, field? } }` with the mapped status, actions return the message.
// Anything that is not an AppError becomes a plain 500 that reveals no internals.
import type { MessageValue } from "@/lib/i18n/stored-message";

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "invalid_input"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // A peer Slipway depends on (a registry, Jenkins) failed or did not answer in time.
  unavailable: 502,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  // Several fields at once (a parameter form), field -> message.
  readonly fields?: Record<string, string>;
  // Message key (lib/i18n) and its values, so the browser shows it in the user's language; a
  // value may be a message itself (an enum value inside the sentence).
  readonly messageKey?: string;
  readonly values?: Record<string, MessageValue>;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      field?: string;
      fields?: Record<string, string>;
      messageKey?: string;
      values?: Record<string, MessageValue>;
    } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.fields = options.fields;
    this.messageKey = options.messageKey;
    this.values = options.values;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; field?: string } };

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } },
    };
  }
  console.error("unexpected error", error);
  return { status: 500, body: { error: { code: "internal", message: "Internal error" } } };
}

// Unique-constraint violations from Prisma, turned into a field error: P2002 from a model
// query, or a raw query's P2010 whose driver error is PostgreSQL's unique_violation (23505).
export function isUniqueViolation(error: unknown): error is { code: string; meta?: { target?: unknown } } {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  if (code === "P2002") return true;
  const cause = meta?.driverAdapterError?.cause;
  return code === "P2010" && (cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505");
}

// A row that names a row gone meanwhile (a webhook delivery for an integration deleted while it
// was being received): P2003 from a model query, or a raw query's P2010 whose driver error is
// PostgreSQL's foreign_key_violation (23503).
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  if (code === "P2003") return true;
  const cause = meta?.driverAdapterError?.cause;
  return code === "P2010" && (cause?.kind === "ForeignKeyConstraintViolation" || cause?.originalCode === "23503");
}
