// The people, teams, app, environments and release the security tests act on, made through
// Slipway's own actions as the admin would make them, plus secret "canaries": unique values
// planted where secrets live, which no page, route, export or log line may ever show.
import { E2E_ADMIN } from "../../../playwright.config";
import { Caller } from "./caller";
import { plantSecrets, type Planted, type PlantedSecrets } from "./plant";
import { query, releasesSettled } from "./server";
import { ok, unique } from "./unique";

export const PRINCIPALS = [
  "admin",
  "ops",
  "developer", // of the app's team
  "outsider", // a developer of another team
  "tester",
  "viewer",
  "disabled", // a developer of the app's team, disabled while their session is live
  "anonymous",
] as const;
export type Principal = (typeof PRINCIPALS)[number];
export type Role = "admin" | "ops" | "developer" | "tester" | "viewer";

const ACTIONS = {
  teams: "app/(console)/settings/teams/actions.ts",
  users: "app/(console)/settings/users/actions.ts",
  apps: "app/(console)/apps/actions.ts",
  releases: "app/(console)/releases/actions.ts",
  environments: "app/(console)/settings/environments/actions.ts",
};

// Values that exist only where secrets are kept. Add one for every new kind of secret Slipway
// stores (an integration's token, a webhook's signing secret...).
export type Canaries = Record<"secretParameter" | "kubeconfigToken" | "webhookSecret" | "password", string> &
  PlantedSecrets;

export type World = {
  baseURL: string;
  callers: Record<Principal, Caller>;
  users: Record<Exclude<Principal, "anonymous">, { id: string; email: string }>;
  team: { id: string; name: string };
  otherTeam: { id: string; name: string };
  app: { id: string; name: string };
  templateVersionId: string;
  templateId: string;
  environments: { dev: string; prod: string; planted: string };
  release: { id: string };
  // The build chain's, alerts' and Grafana's rows (plant.ts).
  planted: Omit<Planted, "secrets">;
  canaries: Canaries;
  // A new signed-in user with this role (a developer joins the app's team): for calls that end
  // the caller's sessions, such as changing one's own password.
  fresh(role: Role): Promise<{ caller: Caller; id: string; password: string }>;
  // A user nobody signs in as, for the admin to edit, disable or reset.
  target(): Promise<string>;
};

export async function buildWorld(baseURL: string): Promise<World> {
  const admin = await Caller.signIn("admin", baseURL, E2E_ADMIN.email, E2E_ADMIN.password);
  const teamName = unique("sec");
  const team = await ok<{ id: string; name: string }>(
    admin.action(ACTIONS.teams, "createTeamAction", { name: teamName, displayName: "" }),
  );
  const otherTeam = await ok<{ id: string; name: string }>(
    admin.action(ACTIONS.teams, "createTeamAction", { name: unique("other"), displayName: "" }),
  );
  const canaries = {
    secretParameter: unique("canary-secret-parameter-"),
    kubeconfigToken: unique("canary-kubeconfig-token-"),
    webhookSecret: unique("canary-webhook-secret-"),
    password: unique("canary-password-"),
  };

  const createUser = async (role: Role, teamIds: string[], password = unique("pw-")) => {
    const email = `${unique(role)}@example.test`;
    const created = await ok<{ id: string }>(
      admin.action(ACTIONS.users, "createUserAction", { email, name: `Security ${role}`, role, password, teamIds }),
    );
    return { id: created.id, email, password };
  };
  const people = {
    ops: await createUser("ops", []),
    developer: await createUser("developer", [team.id], canaries.password),
    outsider: await createUser("developer", [otherTeam.id]),
    tester: await createUser("tester", []),
    viewer: await createUser("viewer", []),
    disabled: await createUser("developer", [team.id]),
  };
  const callers = { admin } as Record<Principal, Caller>;
  for (const [who, person] of Object.entries(people))
    callers[who as Principal] = await Caller.signIn(who, baseURL, person.email, person.password);
  callers.anonymous = await Caller.anonymous("anonymous", baseURL);
  await ok(admin.action(ACTIONS.users, "setUserDisabledAction", { id: people.disabled.id, disabled: true }));
  const [adminRow] = await query<{ id: string }>(`SELECT id::text FROM users WHERE email = $1`, [E2E_ADMIN.email]);

  const [version] = await query<{ id: string; templateId: string }>(
    `SELECT v.id::text, v.template_id::text AS "templateId" FROM template_versions v JOIN templates t ON t.id = v.template_id
     WHERE t.name = 'web-service' ORDER BY v.version DESC LIMIT 1`,
  );
  const environments = Object.fromEntries(
    (await query<{ id: string; name: string }>(`SELECT id::text, name FROM environments`)).map((row) => [
      row.name,
      row.id,
    ]),
  );
  // A cluster whose kubeconfig carries a canary token (never reached: saved unverified).
  const planted = await ok<{ id: string }>(
    admin.action(ACTIONS.environments, "saveEnvironmentAction", {
      name: unique("planted"),
      displayName: "",
      protected: false,
      position: 90,
      clusterMode: "kubeconfig",
      kubeconfig: [
        "apiVersion: v1",
        "kind: Config",
        "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:9', insecure-skip-tls-verify: true}}]",
        `users: [{name: u, user: {token: ${canaries.kubeconfigToken}}}]`,
        "contexts: [{name: x, context: {cluster: c, user: u}}]",
        "current-context: x",
      ].join("\n"),
      namespacePattern: "{team}-{env}",
      saveUnverified: true,
    }),
  );

  const app = await ok<{ id: string }>(
    callers.developer.action(ACTIONS.apps, "createAppAction", {
      name: "shop",
      teamId: team.id,
      templateVersionId: version!.id,
      imageRepository: "harbor.example.com/security/shop",
    }),
  );
  await ok(
    admin.action(ACTIONS.apps, "saveAppEnvironmentAction", {
      appId: app.id,
      environmentId: environments.dev,
      values: {
        replicas: 1,
        secretValues: {
          API_KEY: canaries.secretParameter,
          WECOM_WEBHOOK: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${canaries.webhookSecret}`,
        },
      },
    }),
  );
  const release = await ok<{ releaseId: string }>(
    admin.action(ACTIONS.releases, "deployAction", {
      appId: app.id,
      environmentId: environments.dev,
      tag: "1.0.0",
      description: "",
      takeOver: false,
    }),
  );
  await releasesSettled();
  const { secrets, ...rows } = await plantSecrets(admin, callers.developer, {
    teamId: team.id,
    appId: app.id,
    environmentId: environments.dev!,
    grafanaEnvironmentId: planted.id,
    releaseId: release.releaseId,
  });

  return {
    baseURL,
    callers,
    users: { admin: { id: adminRow!.id, email: E2E_ADMIN.email }, ...people },
    team: { id: team.id, name: teamName },
    otherTeam,
    app: { id: app.id, name: "shop" },
    templateVersionId: version!.id,
    templateId: version!.templateId,
    environments: { dev: environments.dev!, prod: environments.prod!, planted: planted.id },
    release: { id: release.releaseId },
    planted: rows,
    canaries: { ...canaries, ...secrets },
    async fresh(role) {
      const person = await createUser(role, role === "developer" ? [team.id] : []);
      return { caller: await Caller.signIn(`fresh ${role}`, baseURL, person.email, person.password), ...person };
    },
    async target() {
      return (await createUser("viewer", [])).id;
    },
  };
}

export async function disposeWorld(world: World | undefined): Promise<void> {
  for (const caller of Object.values(world?.callers ?? {})) await caller.dispose();
}

export { ACTIONS, ok, unique };
