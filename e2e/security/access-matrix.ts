// WHO MAY CALL WHAT: one row per server action and per route method. The security tests
// (access-matrix.spec.ts, csrf-and-headers.spec.ts, hostile-input.spec.ts) call every row as
// every principal of world.ts and check that the principals in `allow` succeed and that everyone
// else is refused without a single row changing. An action or route without a row here fails
// them: add one when you add an action (`export const fooAction = defineAction(...)` in an
// actions.ts or lib/actions/) or a route (app/api/**/route.ts).
//
// `input` builds a valid input for one call (fresh names, a user to edit...); what it creates is
// made before the before/after snapshot. DESIGN.md's roles table is the source of `allow`.
import { query, releasesSettled } from "./support/server";
import { MORE_ACTION_ROWS, MORE_ROUTE_ROWS } from "./access-matrix-more";
import { ADMIN, APP_TEAM, EVERYONE, OPS, SIGNED_IN, type ActionRow, type RouteRow } from "./support/rows";
import { ACTIONS, unique, type World } from "./support/world";

export type { ActionRow, RouteRow };

const deploy = (world: World, tag: string) => ({
  appId: world.app.id,
  environmentId: world.environments.dev,
  tag,
  description: "",
  takeOver: false,
});

const templateBody = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${{ app.name }}\ndata:\n  a: b\n";

export const ACTION_ROWS: ActionRow[] = [
  {
    file: ACTIONS.apps,
    name: "createAppAction",
    allow: APP_TEAM,
    input: (w) => ({
      name: unique("app"),
      teamId: w.team.id,
      templateVersionId: w.templateVersionId,
      imageRepository: "harbor.example.com/security/app",
    }),
  },
  {
    file: ACTIONS.apps,
    name: "saveAppEnvironmentAction",
    allow: APP_TEAM,
    input: (w) => ({
      appId: w.app.id,
      environmentId: w.environments.dev,
      values: { replicas: 1, secretValues: { API_KEY: "", WECOM_WEBHOOK: "" } },
    }),
  },
  {
    file: ACTIONS.apps,
    name: "dryRunAppAction",
    allow: APP_TEAM,
    input: (w) => ({ appId: w.app.id, environmentId: w.environments.dev }),
  },
  {
    file: ACTIONS.apps,
    name: "previewUpgradeAction",
    allow: APP_TEAM,
    input: (w) => ({ appId: w.app.id, templateVersionId: w.templateVersionId }),
  },
  {
    file: ACTIONS.apps,
    name: "upgradeAppAction",
    allow: APP_TEAM,
    input: (w) => ({ appId: w.app.id, templateVersionId: w.templateVersionId }),
  },
  {
    file: ACTIONS.releases,
    name: "previewDeployAction",
    allow: APP_TEAM,
    input: (w) => ({ appId: w.app.id, environmentId: w.environments.dev, tag: "1.0.1" }),
  },
  { file: ACTIONS.releases, name: "deployAction", allow: APP_TEAM, input: (w) => deploy(w, "1.0.1") },
  {
    file: ACTIONS.releases,
    name: "rollbackAction",
    allow: APP_TEAM,
    input: (w) => ({
      releaseId: w.release.id,
      appId: w.app.id,
      environmentId: w.environments.dev,
      description: "",
    }),
  },
  {
    file: ACTIONS.releases,
    name: "scaleAction",
    allow: OPS,
    input: (w) => ({ appId: w.app.id, environmentId: w.environments.dev, replicas: 2 }),
  },
  {
    file: ACTIONS.releases,
    name: "restartAction",
    allow: APP_TEAM,
    input: (w) => ({ appId: w.app.id, environmentId: w.environments.dev }),
  },
  {
    file: ACTIONS.releases,
    name: "decideRequestAction",
    allow: OPS,
    // A developer's deploy to the protected environment waits for this decision.
    input: async (w) => {
      const answer = await w.callers.developer.action(ACTIONS.releases, "deployAction", {
        ...deploy(w, "1.0.0"),
        environmentId: w.environments.prod,
      });
      const data = answer.result?.data as { requestId?: string } | undefined;
      if (!data?.requestId) throw new Error(`no request: ${answer.body.slice(0, 300)}`);
      return { requestId: data.requestId, decision: "approve", comment: "" };
    },
  },
  {
    file: ACTIONS.environments,
    name: "saveEnvironmentAction",
    allow: ADMIN,
    input: () => ({
      name: unique("env"),
      displayName: "",
      protected: false,
      position: 50,
      clusterMode: "kubeconfig",
      kubeconfig:
        "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:9'}}]\n" +
        "users: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n",
      namespacePattern: "{team}-{env}",
      saveUnverified: true,
    }),
  },
  {
    file: ACTIONS.environments,
    name: "testConnectionAction",
    allow: ADMIN,
    input: (w) => ({ id: w.environments.dev }),
  },
  {
    file: ACTIONS.teams,
    name: "createTeamAction",
    allow: ADMIN,
    input: () => ({ name: unique("team"), displayName: "" }),
  },
  {
    file: ACTIONS.teams,
    name: "addTeamMemberAction",
    allow: ADMIN,
    input: async (w) => ({ teamId: w.otherTeam.id, userId: await w.target() }),
  },
  {
    file: ACTIONS.teams,
    name: "removeTeamMemberAction",
    allow: ADMIN,
    input: async (w) => {
      const member = { teamId: w.otherTeam.id, userId: await w.target() };
      await w.callers.admin.action(ACTIONS.teams, "addTeamMemberAction", member);
      return member;
    },
  },
  {
    file: ACTIONS.users,
    name: "createUserAction",
    allow: ADMIN,
    input: () => ({
      email: `${unique("new")}@example.test`,
      name: "New",
      role: "viewer",
      password: unique("pw-"),
      teamIds: [],
    }),
  },
  {
    file: ACTIONS.users,
    name: "updateUserAction",
    allow: ADMIN,
    input: async (w) => ({ id: await w.target(), name: "Renamed", role: "tester", teamIds: [] }),
  },
  {
    file: ACTIONS.users,
    name: "setUserDisabledAction",
    allow: ADMIN,
    input: async (w) => ({ id: await w.target(), disabled: true }),
  },
  {
    file: ACTIONS.users,
    name: "resetPasswordAction",
    allow: ADMIN,
    input: async (w) => ({ id: await w.target(), password: unique("pw-") }),
  },
  {
    file: "app/(console)/settings/actions.ts",
    name: "changeOwnPasswordAction",
    allow: SIGNED_IN,
    freshCaller: true,
    input: (_w, fresh) => {
      const next = unique("new-password-");
      return { current: fresh?.password ?? "not-the-password", next, confirm: next };
    },
  },
  {
    file: "app/(console)/templates/actions.ts",
    name: "saveTemplateVersionAction",
    allow: OPS,
    input: () => ({ name: unique("tpl"), schemaText: '{"parameters": []}', body: templateBody }),
  },
  {
    file: "app/(console)/templates/actions.ts",
    name: "previewTemplateAction",
    allow: OPS,
    input: () => ({ schemaText: '{"parameters": []}', body: templateBody, valuesText: "{}" }),
  },
  // Signed out too: the login page has the language switcher.
  { file: "lib/actions/set-locale.ts", name: "setLocaleAction", allow: EVERYONE, input: () => ({ locale: "en" }) },
  // canary (issue 14)
  {
    file: "app/(console)/canaries/actions.ts",
    name: "startCanaryAction",
    allow: APP_TEAM,
    input: async (w) => ({
      ...(await canaryApp(w, false)),
      tag: "2.0.0",
      headerName: "X-Canary",
      headerValue: "always",
    }),
  },
  {
    file: "app/(console)/canaries/actions.ts",
    name: "switchCanaryAction",
    allow: [...APP_TEAM, "tester"],
    input: async (w) => ({ ...(await canaryApp(w, true)), enabled: false }),
  },
  {
    file: "app/(console)/canaries/actions.ts",
    name: "promoteCanaryAction",
    allow: APP_TEAM,
    input: (w) => canaryApp(w, true),
  },
  {
    file: "app/(console)/canaries/actions.ts",
    name: "abortCanaryAction",
    allow: APP_TEAM,
    input: (w) => canaryApp(w, true),
  },
  ...MORE_ACTION_ROWS,
];

export const ROUTE_ROWS: RouteRow[] = [
  { file: "app/api/health/route.ts", method: "GET", allow: EVERYONE, request: () => ({ path: "/api/health" }) },
  {
    file: "app/api/releases/route.ts",
    method: "POST",
    allow: APP_TEAM,
    request: (w) => ({ path: "/api/releases", json: deploy(w, "1.0.2") }),
  },
  {
    file: "app/api/audit/export/route.ts",
    method: "GET",
    allow: SIGNED_IN,
    request: () => ({ path: "/api/audit/export?action=auth." }),
  },
  {
    file: "app/api/apps/[app]/logs/route.ts",
    method: "GET",
    allow: SIGNED_IN,
    request: (w) => ({
      path: `/api/apps/${w.app.id}/logs?env=${w.environments.dev}&pod=shop-0&container=app&follow=false`,
    }),
  },
  {
    file: "app/api/releases/[id]/events/route.ts",
    method: "GET",
    allow: SIGNED_IN,
    request: (w) => ({ path: `/api/releases/${w.release.id}/events` }),
  },
  {
    file: "app/api/auth/[...nextauth]/route.ts",
    method: "GET",
    allow: EVERYONE,
    request: () => ({ path: "/api/auth/session" }),
  },
  {
    file: "app/api/auth/[...nextauth]/route.ts",
    method: "POST",
    allow: EVERYONE,
    // next-auth's client logger endpoint: a POST that changes nothing and ends no session.
    request: () => ({
      path: "/api/auth/_log",
      raw: { body: "code=x&level=debug", type: "application/x-www-form-urlencoded" },
    }),
  },
  ...MORE_ROUTE_ROWS,
];

// canary (issue 14): an app of the team with a host, deployed to dev routed by the Gateway API,
// made once per world; each call finds its canary running (`running`) or not, with nothing of
// an earlier call (a promotion) still under way.
const CANARY_ACTIONS = "app/(console)/canaries/actions.ts";
const canaryApps = new WeakMap<World, Promise<{ appId: string; environmentId: string }>>();

async function canaryApp(world: World, running: boolean): Promise<{ appId: string; environmentId: string }> {
  if (!canaryApps.has(world)) canaryApps.set(world, makeCanaryApp(world));
  const ids = await canaryApps.get(world)!;
  const admin = world.callers.admin;
  const state = async () => {
    await releasesSettled();
    const [row] = await query<{ promoted: boolean }>(
      `SELECT promoted_by IS NOT NULL AS promoted FROM canaries WHERE app_id = $1`,
      [ids.appId],
    );
    return row;
  };
  const deadline = Date.now() + 90_000;
  let row = await state();
  // A promotion ends with the canary's removal, queued once its deploy has rolled out.
  while (row?.promoted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    row = await state();
  }
  if (running && !row)
    await admin.action(CANARY_ACTIONS, "startCanaryAction", {
      ...ids,
      tag: "2.0.0",
      headerName: "X-Canary",
      headerValue: "always",
    });
  if (running && row) await admin.action(CANARY_ACTIONS, "switchCanaryAction", { ...ids, enabled: true });
  if (!running && row) await admin.action(CANARY_ACTIONS, "abortCanaryAction", ids);
  await releasesSettled();
  return ids;
}

async function makeCanaryApp(world: World): Promise<{ appId: string; environmentId: string }> {
  const admin = world.callers.admin;
  const environmentId = world.environments.dev!;
  await admin.action("app/(console)/settings/environments/routing-actions.ts", "saveRoutingAction", {
    id: environmentId,
    routing: "gateway_api",
    gatewayName: "edge",
    gatewayNamespace: "gw",
  });
  const app = (await admin.action(ACTIONS.apps, "createAppAction", {
    name: unique("cy"),
    teamId: world.team.id,
    templateVersionId: world.templateVersionId,
    imageRepository: "harbor.example.com/security/cy",
  })) as { result?: { ok: boolean; data?: { id: string } } };
  const appId = app.result?.data?.id;
  if (!appId) throw new Error(`creating the canary app failed: ${JSON.stringify(app.result)}`);
  await admin.action(ACTIONS.apps, "saveAppEnvironmentAction", {
    appId,
    environmentId,
    values: { replicas: 1, ingress: { host: "cy.security.test", path: "/" } },
  });
  await admin.action(ACTIONS.releases, "deployAction", { ...deploy(world, "1.0.0"), appId });
  await releasesSettled();
  return { appId, environmentId };
}
