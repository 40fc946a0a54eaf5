// A real OpenID Provider (panva/oidc-provider, OpenID certified) on loopback, standing in for
// the company's Keycloak or Dex in the end-to-end tests. Its development login page accepts
// any login name; the account's email is <login>@corp.example.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3101);
const appUrl = process.env.APP_URL ?? "http://localhost:3100";

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: "slipway",
      client_secret: "slipway-e2e-client-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Put email and name into the ID token, which is what next-auth reads.
  conformIdTokenClaims: false,
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: `corp|${id}`, email: `${id}@corp.example`, email_verified: true, name: `SSO ${id}` }),
  }),
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, () => console.log(`OpenID provider on http://localhost:${port}`));
