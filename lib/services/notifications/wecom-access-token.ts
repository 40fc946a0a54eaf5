import "server-only";
import { keyedDigest, openSecret, sealSecret } from "@/lib/crypto/keys";
import { db } from "@/lib/db";
import { fetchAccessToken } from "@/lib/integrations/wecom-app";

const PLACE = "alerting:wecom-access-token";
// Renewed a little before WeCom's expiry, so a token is never used at its last second.
const MARGIN_MS = 5 * 60_000;

export type WecomApp = { apiBase: string; corpId: string; agentId: number; secret: string };

type TokenAnswer = { token: string } | { errcode: number | null; errmsg: string; status: number };

// Fetches in flight in this process, so deliveries that start together share one fetch.
const inFlight = new Map<string, Promise<TokenAnswer>>();

// The application's access token, fetched once for its lifetime and shared by every Slipway
// process through the database (WeCom limits how often a token may be fetched). Deliveries
// that need a new token at the same moment share one fetch: in this process by the promise in
// flight, across processes by a transaction lock under which the cache is read again. `renew`
// after WeCom called the token invalid or expired (`rejected` is that token, so a token
// someone else already renewed is not fetched a second time).
export async function wecomAccessToken(
  app: WecomApp,
  options: { renew?: boolean; rejected?: string } = {},
): Promise<TokenAnswer> {
  const digest = keyedDigest(`${app.apiBase}\n${app.corpId}\n${app.secret}`, "wecom-credential");
  if (!options.renew) {
    const cached = await readCached(digest);
    if (cached) return { token: cached };
  }
  const key = `${digest}:${options.renew ? (options.rejected ?? "renew") : ""}`;
  const running = inFlight.get(key);
  if (running) return running;
  const fetching = fetchShared(app, digest, options).finally(() => inFlight.delete(key));
  inFlight.set(key, fetching);
  return fetching;
}

async function readCached(digest: string, client: Pick<typeof db, "wecomAccessToken"> = db) {
  const cached = await client.wecomAccessToken.findUnique({ where: { credentialDigest: digest } });
  return cached && cached.expiresAt.getTime() - MARGIN_MS > Date.now()
    ? openSecret(cached.tokenEncrypted, PLACE)
    : null;
}

async function fetchShared(app: WecomApp, digest: string, options: { renew?: boolean; rejected?: string }) {
  return db.$transaction(
    async (tx): Promise<TokenAnswer> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`wecom-token:${digest}`}, 0))`;
      // Another process may have fetched while this one waited for the lock.
      const cached = await readCached(digest, tx);
      if (cached && (!options.renew || (options.rejected !== undefined && cached !== options.rejected)))
        return { token: cached };
      const answer = await fetchAccessToken(app.apiBase, app.corpId, app.secret);
      if (answer.errcode !== 0 || !answer.token) return answer;
      const expiresAt = new Date(Date.now() + (answer.expiresIn ?? 7200) * 1000);
      const tokenEncrypted = sealSecret(answer.token, PLACE);
      await tx.wecomAccessToken.upsert({
        where: { credentialDigest: digest },
        create: { credentialDigest: digest, tokenEncrypted, expiresAt },
        update: { tokenEncrypted, expiresAt },
      });
      return { token: answer.token };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
