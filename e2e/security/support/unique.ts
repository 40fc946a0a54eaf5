// Fresh names, and a setup step that must succeed.
import { randomBytes } from "node:crypto";

export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString("hex")}`;
}

export async function ok<T>(answer: Promise<{ result: { ok: boolean; data?: unknown } | null; body: string }>) {
  const { result, body } = await answer;
  if (!result?.ok) throw new Error(`setup step failed: ${result ? JSON.stringify(result) : body.slice(0, 300)}`);
  return result.data as T;
}
