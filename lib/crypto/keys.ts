import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { open, parseKey, seal } from "./secret-box";

let key: Buffer | undefined;

// SLIPWAY_ENCRYPTION_KEY, checked at start (lib/env.ts refuses to run in production without
// it; development generates one into .data/).
function encryptionKey(): Buffer {
  if (!env.SLIPWAY_ENCRYPTION_KEY) throw new Error("SLIPWAY_ENCRYPTION_KEY is not set");
  return (key ??= parseKey(env.SLIPWAY_ENCRYPTION_KEY));
}

export function sealSecret(plaintext: string, place: string): string {
  return seal(encryptionKey(), plaintext, place);
}

export function openSecret(sealed: string, place: string): string {
  return open(encryptionKey(), sealed, place);
}

// A digest that identifies equal contents without letting anyone test guesses of them (the
// contents may hold secrets): HMAC-SHA256 under a key derived from the encryption key.
export function keyedDigest(text: string, purpose: string): string {
  const derived = createHmac("sha256", encryptionKey()).update(`slipway:${purpose}`).digest();
  return createHmac("sha256", derived).update(text).digest("hex");
}
