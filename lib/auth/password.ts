import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

export { MIN_PASSWORD_LENGTH_VALUE as MIN_PASSWORD_LENGTH } from "@/lib/validations/limits";

// argon2id with the library's defaults (19 MiB, 2 passes), OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against a real hash of a random password when the account does not exist, so the
// time taken does not tell whether an email is registered.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  const target = passwordHash ?? (await (dummyHash ??= hash(randomBytes(16).toString("hex"))));
  try {
    return (await verify(target, password)) && Boolean(passwordHash);
  } catch {
    return false;
  }
}

// Readable, 20 characters from a 54-letter alphabet without look-alikes (~115 bits).
export function generatePassword(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out.replace(/(.{5})(?=.)/g, "$1-");
}
