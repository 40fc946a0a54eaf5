import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env, oidcEnabled } from "@/lib/env";
import { db } from "@/lib/db";
import { fromHeaders, getRequestContext, type RequestContext } from "@/lib/request-context";
import { writeAudit } from "@/lib/audit/write-audit";
import { ZIdSchema } from "@/lib/validations/common";
import { ZSignInSchema } from "@/lib/validations/auth";
import { signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { signInWithOidc } from "@/lib/services/auth/sign-in-with-oidc";

// Error codes the credentials provider passes to the login form (`signIn()` returns them as
// `error`); the form turns them into a message in the user's language.
export const LOGIN_ERRORS = {
  invalid: "invalid",
  required: "required",
  rateLimited: "rate_limited",
};

type OidcRawProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

function oidcProvider(): OAuthConfig<OidcRawProfile> | null {
  if (!oidcEnabled() || !env.OIDC_ISSUER) return null;
  const issuer = env.OIDC_ISSUER.replace(/\/$/, "");
  return {
    id: "oidc",
    name: env.OIDC_DISPLAY_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({
      id: profile.sub,
      email: profile.email ?? null,
      name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
    }),
  };
}

function headerContext(req: { headers?: Record<string, unknown> } | undefined): RequestContext {
  const raw = req?.headers ?? {};
  return fromHeaders({
    get: (name: string) => {
      const value = raw[name.toLowerCase()];
      return typeof value === "string" ? value : null;
    },
  });
}

async function safeRequestContext(): Promise<RequestContext | undefined> {
  try {
    return await getRequestContext();
  } catch {
    return undefined;
  }
}

let cached: NextAuthOptions | undefined;

// Built on first use (see lib/env.ts).
export function getAuthOptions(): NextAuthOptions {
  return (cached ??= buildAuthOptions());
}

function buildAuthOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 3600, updateAge: 15 * 60 },
    jwt: { maxAge: env.SESSION_MAX_AGE_HOURS * 3600 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const parsed = ZSignInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(LOGIN_ERRORS.required);
          const result = await signInWithPassword(parsed.data, headerContext(req));
          if (result.ok) return { ...result.user };
          if (result.reason === "rate_limited")
            throw new Error(`${LOGIN_ERRORS.rateLimited}:${result.retryAfterSeconds}`);
          throw new Error(result.reason);
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "oidc") return true;
        const raw = profile as OidcRawProfile | undefined;
        const result = await signInWithOidc(
          { subject: account.providerAccountId, email: raw?.email ?? user.email ?? "", name: user.name ?? "" },
          env.OIDC_DEFAULT_ROLE,
          (await safeRequestContext()) ?? { requestId: crypto.randomUUID(), ip: null },
        );
        return result.ok ? true : `/login?error=${result.reason === "disabled" ? "disabled" : "sso"}`;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "oidc") {
          const linked = await db.user.findUnique({ where: { oidcSubject: account.providerAccountId } });
          if (linked) {
            token.uid = linked.id;
            token.sv = linked.sessionVersion;
          }
        } else if (user && "sessionVersion" in user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion: number }).sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid ?? "" }, sv: token.sv ?? -1 };
      },
    },
    events: {
      // Logging out ends the session on the server, not only in this browser: the session
      // version moves on, so a copy of the cookie is refused from now on (lib/auth/session.ts).
      // Every session of the user ends with it, as after a password change.
      async signOut({ token }) {
        const id = ZIdSchema.safeParse(token?.uid);
        if (!id.success) return;
        const context = await safeRequestContext();
        await db.$transaction(async (tx) => {
          const { count } = await tx.user.updateMany({
            where: { id: id.data, sessionVersion: typeof token.sv === "number" ? token.sv : -1 },
            data: { sessionVersion: { increment: 1 } },
          });
          const user = count > 0 ? await tx.user.findUnique({ where: { id: id.data } }) : null;
          if (!user) return;
          await writeAudit(tx, {
            actor: { id: user.id, email: user.email },
            action: "auth.logout",
            target: { type: "user", id: user.id, label: user.email },
            context,
          });
        });
      },
    },
  };
}
