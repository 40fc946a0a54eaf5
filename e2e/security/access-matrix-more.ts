// The access matrix's rows for the build chain (registries, Jenkins, pipeline tokens, webhooks),
// alerts (settings, subscriptions, mute, rollback from an alert, the inbox), Grafana, canary
// routing, the jobs page and the profile's settings. Same rules as access-matrix.ts.
import { randomUUID } from "node:crypto";
import { ACTIONS_MORE as A } from "./support/plant";
import { ADMIN, APP_TEAM, EVERYONE, NOBODY, SIGNED_IN, type ActionRow, type RouteRow } from "./support/rows";
import { query } from "./support/server";
import { ok, unique } from "./support/unique";
import type { World } from "./support/world";

const NOWHERE = "http://127.0.0.1:9";
// Muting: ops, admins and the alert's app's team (lib/services/alerts/may-mute.ts).
const MUTERS = APP_TEAM;

const subscription = (name: string) => ({
  name,
  appIds: [],
  environmentIds: [],
  minSeverity: "warning",
  alertnames: "",
  matchers: "",
  windowMinutes: 5,
  locale: "zh-CN",
  channels: [{ kind: "console" }],
});

const token = async (w: World) => {
  const name = unique("ci-");
  await ok(
    w.callers.admin.action(A.tokens, "createPipelineTokenAction", { teamId: w.team.id, name, expiresInDays: 1 }),
  );
  const [row] = await query<{ id: string }>(`SELECT id::text FROM pipeline_tokens WHERE name = $1`, [name]);
  return { id: row!.id };
};

export const MORE_ACTION_ROWS: ActionRow[] = [
  // The sign-in form (a form action, FormData in): anyone may post it; a wrong password signs
  // no one in (the throttle counts it, lib/auth/password-throttle.ts).
  {
    file: "app/(auth)/login/actions.ts",
    name: "passwordSignInAction",
    allow: EVERYONE,
    signIn: true,
    input: () => ({ email: "nobody@example.test", password: "wrong" }),
  },
  // The jobs page: a job that is not on the queue (a failed one cannot be made from outside),
  // on a queue that does not exist and on one that does.
  {
    file: A.jobs,
    name: "retryJobAction",
    allow: ADMIN,
    allowedError: "not_found",
    input: () => ({ name: "no-such-queue", id: randomUUID() }),
  },
  {
    file: A.jobs,
    name: "discardJobAction",
    allow: ADMIN,
    allowedError: "not_found",
    input: () => ({ name: "release-request-execute", id: randomUUID() }),
  },
  { file: A.profile, name: "setTimeZoneAction", allow: SIGNED_IN, input: () => ({ timeZone: "Asia/Shanghai" }) },
  { file: A.wecom, name: "setWecomUserIdAction", allow: SIGNED_IN, input: () => ({ wecomUserId: unique("wx.") }) },
  {
    file: A.alerting,
    name: "saveAlertmanagerSettingsAction",
    allow: ADMIN,
    input: () => ({ token: "", alertmanagerUrl: NOWHERE, appLabels: "app\nservice", releaseLinkMinutes: 45 }),
  },
  {
    file: A.alerting,
    name: "saveMessageSettingsAction",
    allow: ADMIN,
    input: () => ({ timeZone: "Asia/Shanghai", webhookAllowList: "https://hooks.example.test/" }),
  },
  {
    file: A.alerting,
    name: "saveWecomSettingsAction",
    allow: ADMIN,
    input: () => ({ wecomApiBase: NOWHERE, wecomCorpId: "ww0123", wecomAgentId: "1000003", wecomSecret: "" }),
  },
  {
    file: A.alerting,
    name: "saveSmtpSettingsAction",
    allow: ADMIN,
    input: () => ({
      smtpHost: "127.0.0.1",
      smtpPort: 25,
      smtpSecure: false,
      smtpUsername: "slipway",
      smtpPassword: "",
      smtpFrom: "alerts@example.test",
    }),
  },
  {
    file: A.grafana,
    name: "saveGrafanaSettingsAction",
    allow: ADMIN,
    input: (w) => ({
      environmentId: w.environments.planted,
      baseUrl: `${NOWHERE}/grafana`,
      orgId: 2,
      dashboard: "builtin",
      panels: [],
      variables: "",
      token: "",
    }),
  },
  {
    file: A.grafana,
    name: "checkGrafanaAction",
    allow: ADMIN,
    input: (w) => ({ environmentId: w.environments.planted }),
  },
  {
    file: A.routing,
    name: "saveRoutingAction",
    allow: ADMIN,
    input: (w) => ({ id: w.environments.planted, routing: "none" }),
  },
  {
    file: A.tokens,
    name: "createPipelineTokenAction",
    allow: APP_TEAM,
    input: (w) => ({ teamId: w.team.id, name: unique("ci-"), expiresInDays: 30 }),
  },
  { file: A.tokens, name: "revokePipelineTokenAction", allow: APP_TEAM, input: token },
  {
    file: A.integrations,
    name: "saveRegistryAction",
    allow: ADMIN,
    input: () => ({
      name: unique("registry-"),
      kind: "oci",
      url: NOWHERE,
      username: "robot",
      secret: unique("s-"),
      saveUnverified: true,
    }),
  },
  {
    file: A.integrations,
    name: "saveJenkinsServerAction",
    allow: ADMIN,
    input: () => ({ name: unique("jenkins-"), url: NOWHERE, username: "ci", token: "", saveUnverified: true }),
  },
  {
    file: A.integrations,
    name: "testIntegrationAction",
    allow: ADMIN,
    input: (w) => ({ kind: "registry", id: w.planted.registryId }),
  },
  // A fresh unused registry per call: the allowed caller deletes it, the others leave it.
  {
    file: A.integrations,
    name: "deleteIntegrationAction",
    allow: ADMIN,
    input: async (w) => {
      const saved = await ok<{ id: string }>(
        w.callers.admin.action(A.integrations, "saveRegistryAction", {
          name: unique("doomed-"),
          kind: "oci",
          url: NOWHERE,
          saveUnverified: true,
        }),
      );
      return { kind: "registry", id: saved.id };
    },
  },
  {
    file: A.integrations,
    name: "rotateWebhookSecretAction",
    allow: ADMIN,
    input: (w) => ({ kind: "jenkins", id: w.planted.jenkinsId }),
  },
  {
    file: A.monitoring,
    name: "saveAppPanelsAction",
    allow: APP_TEAM,
    input: (w) => ({ appId: w.app.id, dashboard: "environment", panels: [{ id: "2", title: "CPU", height: 300 }] }),
  },
  { file: A.monitoring, name: "resetAppPanelsAction", allow: APP_TEAM, input: (w) => ({ appId: w.app.id }) },
  {
    file: A.builds,
    name: "saveBuildSettingsAction",
    allow: APP_TEAM,
    input: (w) => ({
      appId: w.app.id,
      jenkinsServerId: w.planted.jenkinsId,
      jenkinsJob: "shop/build",
      autoDeployPattern: "release-*",
    }),
  },
  // Jenkins is not there (port 9): the build cannot start, past every access check.
  {
    file: A.builds,
    name: "triggerBuildAction",
    allow: APP_TEAM,
    allowedError: "unavailable",
    input: (w) => ({ appId: w.app.id, branch: "main" }),
  },
  {
    file: A.builds,
    name: "listImageTagsAction",
    allow: APP_TEAM,
    input: (w) => ({ appId: w.app.id, environmentId: w.environments.dev, search: "" }),
  },
  {
    file: A.builds,
    name: "lookupTagDigestsAction",
    allow: APP_TEAM,
    input: (w) => ({ appId: w.app.id, environmentId: w.environments.dev, tags: ["1.0.1"] }),
  },
  // Alertmanager is not there (port 9): the silence cannot be made, past every access check.
  {
    file: A.alerts,
    name: "muteAlertAction",
    allow: MUTERS,
    allowedError: "conflict",
    input: (w) => ({ alertId: w.planted.alertId, hours: 1 }),
  },
  // The app has one release: no earlier one to roll back to, past every access check.
  {
    file: A.alerts,
    name: "rollbackFromAlertAction",
    allow: APP_TEAM,
    allowedError: "conflict",
    input: (w) => ({ alertId: w.planted.alertId }),
  },
  {
    file: A.alerts,
    name: "saveSubscriptionAction",
    allow: SIGNED_IN,
    input: () => subscription(unique("mine ")),
  },
  // One's own subscription; the refused principals try the admin's.
  {
    file: A.alerts,
    name: "deleteSubscriptionAction",
    allow: SIGNED_IN,
    freshCaller: true,
    input: async (w, fresh) => {
      const owner = fresh?.caller ?? w.callers.admin;
      return {
        id: (await ok<{ id: string }>(owner.action(A.alerts, "saveSubscriptionAction", subscription(unique("x "))))).id,
      };
    },
  },
  { file: A.alerts, name: "markInboxReadAction", allow: SIGNED_IN, input: () => ({}) },
];

export const MORE_ROUTE_ROWS: RouteRow[] = [
  {
    file: "app/api/releases/[id]/route.ts",
    method: "GET",
    allow: SIGNED_IN,
    request: (w) => ({ path: `/api/releases/${w.release.id}` }),
  },
  {
    file: "app/api/grafana/dashboard/route.ts",
    method: "GET",
    allow: SIGNED_IN,
    request: () => ({ path: "/api/grafana/dashboard" }),
  },
  {
    // The app pickers' search (issue 17): every role reads every app.
    file: "app/api/apps/search/route.ts",
    method: "GET",
    allow: SIGNED_IN,
    request: (w) => ({ path: `/api/apps/search?q=${encodeURIComponent(w.app.name)}` }),
  },
  {
    // The app list's live status (issue 17): a stream, like the inbox's.
    file: "app/api/apps/status/route.ts",
    method: "GET",
    allow: SIGNED_IN,
    stream: true,
    request: (w) => ({ path: `/api/apps/status?ids=${w.app.id}` }),
  },
  {
    file: "app/api/inbox/events/route.ts",
    method: "GET",
    allow: SIGNED_IN,
    stream: true,
    request: () => ({ path: "/api/inbox/events" }),
  },
  {
    file: "app/api/webhooks/harbor/[integration]/route.ts",
    method: "POST",
    allow: NOBODY,
    machine: true,
    refusalRecords: ["audit_events"],
    request: (w) => ({
      path: `/api/webhooks/harbor/${w.planted.registryId}`,
      json: {
        type: "PUSH_ARTIFACT",
        occur_at: 1,
        operator: "ci",
        event_data: {
          resources: [{ digest: `sha256:${"a".repeat(64)}`, tag: "9.9.9", resource_url: "h/security/shop:9.9.9" }],
          repository: { name: "shop", namespace: "security", repo_full_name: "security/shop" },
        },
      },
    }),
  },
  {
    file: "app/api/webhooks/jenkins/[integration]/route.ts",
    method: "POST",
    allow: NOBODY,
    machine: true,
    refusalRecords: ["audit_events"],
    request: (w) => ({
      path: `/api/webhooks/jenkins/${w.planted.jenkinsId}`,
      json: { job: "shop/build", number: 7, result: "SUCCESS", image: "harbor.example.com/security/shop:9.9.9" },
    }),
  },
  {
    file: "app/api/webhooks/alertmanager/route.ts",
    method: "POST",
    allow: NOBODY,
    machine: true,
    refusalRecords: ["audit_events", "alertmanager_refusals"],
    request: () => ({
      path: "/api/webhooks/alertmanager",
      json: { version: "4", status: "firing", receiver: "slipway", groupKey: "{}", alerts: [] },
    }),
  },
];
