// Encryption at rest for secrets (kubeconfigs, webhook secrets, SMTP passwords): AES-256-GCM
// with a random 96-bit nonce per value. Stored as "enc:v1:<base64(nonce | tag | ciphertext)>".
// The associated data binds a ciphertext to its place (e.g. "environment:<id>:kubeconfig"), so
// a value copied into another row does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const PREFIX = "enc:v1:";

export function parseKey(raw: string): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error("SLIPWAY_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64");
  }
  return key;
}

export function seal(key: Buffer, plaintext: string, associatedData: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64");
}

export function open(key: Buffer, sealed: string, associatedData: string): string {
  if (!sealed.startsWith(PREFIX)) throw new Error("not an encrypted value");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("cannot decrypt: wrong SLIPWAY_ENCRYPTION_KEY or a tampered value");
  }
}
