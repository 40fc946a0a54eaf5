import type { IncomingHttpHeaders } from "node:http";

export function normalizeAddress(address: unknown): string | null;
export function parseTrustedProxies(text: string | undefined): (address: string | undefined) => boolean;
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: (address: string | undefined) => boolean,
): string | null;
export function normalizeRequestHeaders(
  headers: IncomingHttpHeaders,
  peer: string | undefined,
  trusted: (address: string | undefined) => boolean,
): void;
export function install(text?: string): void;
