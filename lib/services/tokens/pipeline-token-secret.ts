import "server-only";
import { createHash, randomBytes } from "node:crypto";

// Pipeline tokens: 32 random bytes behind a recognisable prefix; only the SHA-256 is stored
// (a token has the entropy a slow hash would add to a password).
export const TOKEN_PREFIX = "slp_";

export function newPipelineToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashPipelineToken(token), prefix: token.slice(0, 10) };
}

export function hashPipelineToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
