import "server-only";
import { db } from "@/lib/db";
import type { RegistryAccess } from "@/lib/integrations/registry/registry-access";
import type { IntegrationCheck, StoredMessage } from "./check-integration";

// What pages see of integrations: never a secret, only whether one is stored.
export type RegistryView = Omit<RegistryAccess, "secret"> & {
  hasSecret: boolean;
  hasWebhookSecret: boolean;
  checkedAt: Date | null;
  check: IntegrationCheck | null;
  environments: string[];
  deliveries: {
    id: string;
    receivedAt: Date;
    type: string;
    format: string;
    repository: string;
    tag: string | null;
    digest: string;
    operator: string | null;
    status: string;
    reason: StoredMessage | null;
  }[];
};

export type JenkinsView = {
  id: string;
  name: string;
  url: string;
  username: string;
  hasToken: boolean;
  hasWebhookSecret: boolean;
  checkedAt: Date | null;
  check: IntegrationCheck | null;
  // Apps whose Build button starts jobs here, as team/app.
  apps: string[];
};

export async function listIntegrations(): Promise<{ registries: RegistryView[]; jenkins: JenkinsView[] }> {
  const [registries, jenkins] = await Promise.all([
    db.registry.findMany({
      orderBy: { name: "asc" },
      include: {
        environments: { select: { name: true }, orderBy: { position: "asc" } },
        events: { orderBy: { receivedAt: "desc" }, take: 10 },
      },
    }),
    db.jenkinsServer.findMany({
      orderBy: { name: "asc" },
      include: { apps: { select: { name: true, team: { select: { name: true } } }, orderBy: { name: "asc" } } },
    }),
  ]);
  return {
    registries: registries.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      url: row.url,
      tokenUrl: row.tokenUrl,
      username: row.username,
      hasSecret: Boolean(row.secretEncrypted),
      hasWebhookSecret: Boolean(row.webhookSecretHash),
      checkedAt: row.checkedAt,
      check: row.checkResult as IntegrationCheck | null,
      environments: row.environments.map((env) => env.name),
      deliveries: row.events.map((event) => ({
        id: event.id,
        receivedAt: event.receivedAt,
        type: event.type,
        format: event.format,
        repository: event.repository,
        tag: event.tag,
        digest: event.digest,
        operator: event.operator,
        status: event.status,
        reason: event.reason
          ? { key: event.reason, values: (event.reasonValues ?? {}) as StoredMessage["values"], message: "" }
          : null,
      })),
    })),
    jenkins: jenkins.map((row) => ({
      id: row.id,
      name: row.name,
      url: row.url,
      username: row.username,
      hasToken: Boolean(row.tokenEncrypted),
      hasWebhookSecret: Boolean(row.webhookSecretHash),
      checkedAt: row.checkedAt,
      check: row.checkResult as IntegrationCheck | null,
      apps: row.apps.map((app) => `${app.team.name}/${app.name}`),
    })),
  };
}

// The choices of the environment and app forms.
export async function integrationChoices() {
  const [registries, jenkins] = await Promise.all([
    db.registry.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, url: true } }),
    db.jenkinsServer.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return {
    registries: registries.map((row) => ({ id: row.id, name: row.name, kind: row.kind, host: new URL(row.url).host })),
    jenkins,
  };
}
