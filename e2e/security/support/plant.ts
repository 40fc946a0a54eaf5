// The secrets the build chain, alerts and Grafana keep, planted through the admin's own forms
// with unique values (the secret canary crawl then looks for every one of them), plus the rows
// the access matrix acts on: a registry, a Jenkins server, a pipeline token, an alert that
// followed the app's release and a subscription.
import { randomUUID } from "node:crypto";
import type { Caller } from "./caller";
import { query } from "./server";
import { ok, unique } from "./unique";

export const ACTIONS_MORE = {
  integrations: "app/(console)/integrations/actions.ts",
  alerting: "app/(console)/settings/integrations/alerting/actions.ts",
  grafana: "app/(console)/settings/environments/grafana-actions.ts",
  routing: "app/(console)/settings/environments/routing-actions.ts",
  tokens: "app/(console)/settings/tokens/actions.ts",
  alerts: "app/(console)/alerts/actions.ts",
  profile: "app/(console)/settings/actions.ts",
  wecom: "app/(console)/settings/wecom-actions.ts",
  monitoring: "app/(console)/apps/[app]/monitoring/actions.ts",
  builds: "app/(console)/apps/build-actions.ts",
  jobs: "app/(console)/jobs/actions.ts",
};

export type PlantedSecrets = Record<
  | "registrySecret"
  | "jenkinsToken"
  | "pipelineToken"
  | "harborWebhookSecret"
  | "jenkinsWebhookSecret"
  | "alertmanagerToken"
  | "wecomSecret"
  | "wecomRobotKey"
  | "smtpPassword"
  | "grafanaToken",
  string
>;

export type Planted = {
  secrets: PlantedSecrets;
  registryId: string;
  jenkinsId: string;
  alertId: string;
  subscriptionId: string;
};

// Unreachable on purpose (nothing listens on port 9): saved unverified, never called.
const NOWHERE = "http://127.0.0.1:9";

export async function plantSecrets(
  admin: Caller,
  developer: Caller,
  world: { teamId: string; appId: string; environmentId: string; grafanaEnvironmentId: string; releaseId: string },
): Promise<Planted> {
  const registrySecret = unique("canary-registry-secret-");
  const registry = await ok<{ id: string; webhookSecret: string }>(
    admin.action(ACTIONS_MORE.integrations, "saveRegistryAction", {
      name: unique("harbor-"),
      kind: "harbor",
      url: NOWHERE,
      username: "robot$slipway",
      secret: registrySecret,
      saveUnverified: true,
    }),
  );
  const jenkinsToken = unique("canary-jenkins-token-");
  const jenkins = await ok<{ id: string; webhookSecret: string }>(
    admin.action(ACTIONS_MORE.integrations, "saveJenkinsServerAction", {
      name: unique("jenkins-"),
      url: NOWHERE,
      username: "slipway",
      token: jenkinsToken,
      saveUnverified: true,
    }),
  );
  const pipeline = await ok<{ token: string }>(
    developer.action(ACTIONS_MORE.tokens, "createPipelineTokenAction", {
      teamId: world.teamId,
      name: unique("ci-"),
      expiresInDays: 30,
    }),
  );
  const alertmanagerToken = unique("canary-alertmanager-token-");
  await ok(
    admin.action(ACTIONS_MORE.alerting, "saveAlertmanagerSettingsAction", {
      token: alertmanagerToken,
      alertmanagerUrl: NOWHERE,
      appLabels: "app",
      releaseLinkMinutes: 60,
    }),
  );
  const wecomSecret = unique("canary-wecom-secret-");
  await ok(
    admin.action(ACTIONS_MORE.alerting, "saveWecomSettingsAction", {
      wecomApiBase: NOWHERE,
      wecomCorpId: "ww0123",
      wecomAgentId: "1000002",
      wecomSecret,
    }),
  );
  const smtpPassword = unique("canary-smtp-password-");
  await ok(
    admin.action(ACTIONS_MORE.alerting, "saveSmtpSettingsAction", {
      smtpHost: "127.0.0.1",
      smtpPort: 9,
      smtpSecure: false,
      smtpUsername: "slipway",
      smtpPassword,
      smtpFrom: "slipway@example.test",
    }),
  );
  const grafanaToken = unique("glsa_canary");
  await ok(
    admin.action(ACTIONS_MORE.grafana, "saveGrafanaSettingsAction", {
      environmentId: world.grafanaEnvironmentId,
      baseUrl: NOWHERE,
      orgId: 1,
      dashboard: "builtin",
      panels: [],
      variables: "",
      token: grafanaToken,
    }),
  );
  const wecomRobotKey = unique("canary-robot-");
  const subscription = await ok<{ id: string }>(
    admin.action(ACTIONS_MORE.alerts, "saveSubscriptionAction", {
      name: unique("watch "),
      appIds: [world.appId],
      environmentIds: [],
      minSeverity: "info",
      alertnames: "",
      matchers: "",
      windowMinutes: 5,
      locale: "en",
      channels: [{ kind: "wecom_robot", key: wecomRobotKey, mentions: "" }],
    }),
  );
  // An alert that started right after the app's release, as the Alertmanager webhook stores it.
  const alertId = randomUUID();
  await query(
    `INSERT INTO alerts (id, fingerprint, starts_at, status, alertname, severity, labels, annotations, app_id, environment_id, release_id)
     VALUES ($1, $2, now(), 'firing', 'HighErrorRate', 'critical', $3, '{}', $4, $5, $6)`,
    [
      alertId,
      unique("fp"),
      JSON.stringify({ alertname: "HighErrorRate", app: "shop" }),
      world.appId,
      world.environmentId,
      world.releaseId,
    ],
  );
  return {
    secrets: {
      registrySecret,
      jenkinsToken,
      pipelineToken: pipeline.token,
      harborWebhookSecret: registry.webhookSecret,
      jenkinsWebhookSecret: jenkins.webhookSecret,
      alertmanagerToken,
      wecomSecret,
      wecomRobotKey,
      smtpPassword,
      grafanaToken,
    },
    registryId: registry.id,
    jenkinsId: jenkins.id,
    alertId,
    subscriptionId: subscription.id,
  };
}
