// The build chain the bench measures, written through Slipway's own services in the bench's
// database: a Harbor (a loopback replay of its API and webhooks) feeding dev with auto-deploy,
// a real docker-registry feeding test, and an app on the built-in web-service template.
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createApp } from "@/lib/services/apps/create-app";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { saveRegistry } from "@/lib/services/integrations/save-registry";
import { createTeam } from "@/lib/services/teams/create-team";
import { HELLO_APP_VALUES } from "@/lib/templates/builtin/sample-values";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { ZRegistrySchema } from "@/lib/validations/integration";
import type { HarborFake } from "@/test/support/harbor-fake";

const context = { requestId: "bench-build", ip: "127.0.0.1" };
export const TEAM = "benchbuild";

// Points an environment at a registry, keeping the rest as it is.
async function pointAtRegistry(name: string, registryId: string, autoDeploy: boolean) {
  const env = await db.environment.findUniqueOrThrow({ where: { name } });
  await saveEnvironment(
    { system: "bench" },
    {
      id: env.id,
      name: env.name,
      displayName: env.displayName,
      protected: env.protected,
      position: env.position,
      clusterMode: env.clusterMode,
      namespacePattern: env.namespacePattern,
      registryId,
      autoDeploy,
      saveUnverified: true,
    },
    context,
  );
  return env.id;
}

export async function createBuildWorld(admin: CurrentUser, harbor: HarborFake, registryUrl: string) {
  const harborRow = await saveRegistry(
    admin,
    ZRegistrySchema.parse({
      name: "bench-harbor",
      kind: "harbor",
      url: harbor.url,
      username: harbor.credentials!.username,
      secret: harbor.credentials!.password,
    }),
    context,
  );
  const ociRow = await saveRegistry(
    admin,
    ZRegistrySchema.parse({ name: "bench-registry", kind: "oci", url: registryUrl }),
    context,
  );
  const devId = await pointAtRegistry("dev", harborRow.id, true);
  const testId = await pointAtRegistry("test", ociRow.id, false);
  const team = await createTeam(admin, { name: TEAM, displayName: "Build benchmark" }, context);
  const version = await db.templateVersion.findFirstOrThrow({
    where: { template: { name: "web-service" } },
    orderBy: { version: "desc" },
  });
  const app = await createApp(
    admin,
    ZCreateAppSchema.parse({
      name: "web",
      teamId: team.id,
      templateVersionId: version.id,
      imageRepository: `${TEAM}/web`,
    }),
    context,
  );
  const { image: _image, ...values } = HELLO_APP_VALUES;
  for (const environmentId of [devId, testId])
    await saveAppEnvironment(admin, { appId: app.id, environmentId, values: { ...values, replicas: 1 } }, context);
  return {
    appId: app.id,
    devId,
    testId,
    repository: `${TEAM}/web`,
    webhookUrl: `/api/webhooks/harbor/${harborRow.id}`,
    webhookSecret: harborRow.webhookSecret!,
  };
}
