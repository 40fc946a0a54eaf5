import "server-only";
import { keyedDigest, openSecret, sealSecret } from "@/lib/crypto/keys";
import { db } from "@/lib/db";
import { fetchAccessToken } from "@/lib/integrations/wecom-app";

const PLACE = "alerting:wecom-access-token";
// Renewed a little before WeCom's expiry, so a token is never used at its last second.
const MARGIN_MS = 5 * 60_000;

export type WecomApp = { apiBase: string; corpId: string; agentId: number; secret: string };

// The application's access token, fetched once for its lifetime and shared by every Slipway
// process through the database (WeCom limits how often a token may be fetched). `renew` after
// WeCom called the token invalid or expired.
export async function wecomAccessToken(
  app: WecomApp,
  options: { renew?: boolean } = {},
): Promise<{ token: string } | { errcode: number | null; errmsg: string; status: number }> {
  const digest = keyedDigest(`${app.apiBase}\n${app.corpId}\n${app.secret}`, "wecom-credential");
  if (!options.renew) {
    const cached = await db.wecomAccessToken.findUnique({ where: { credentialDigest: digest } });
    if (cached && cached.expiresAt.getTime() - MARGIN_MS > Date.now())
      return { token: openSecret(cached.tokenEncrypted, PLACE) };
  }
  const answer = await fetchAccessToken(app.apiBase, app.corpId, app.secret);
  if (answer.errcode !== 0 || !answer.token) return answer;
  const expiresAt = new Date(Date.now() + (answer.expiresIn ?? 7200) * 1000);
  const tokenEncrypted = sealSecret(answer.token, PLACE);
  await db.wecomAccessToken.upsert({
    where: { credentialDigest: digest },
    create: { credentialDigest: digest, tokenEncrypted, expiresAt },
    update: { tokenEncrypted, expiresAt },
  });
  return { token: answer.token };
}
