// The build chain's world for tests: the release world (team, developer, template, sandbox
// cluster) plus registries and environments that take their images from them, in a chain of
// positions of their own (dev -> test -> prod) above every other test's environments.
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { createApp } from "@/lib/services/apps/create-app";
import { saveAppBuildSettings } from "@/lib/services/builds/save-app-build-settings";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { saveRegistry } from "@/lib/services/integrations/save-registry";
import { ZRegistrySchema } from "@/lib/validations/integration";
import { context } from "./factories";
import { makeReleaseWorld } from "./release-fixtures";
import { sandboxKubeconfig } from "./sandbox";

export async function makeBuildWorld() {
  const world = await makeReleaseWorld();
  const base = 100_000 + randomInt(0, 10_000) * 100;
  let position = base;
  const kubeconfig = sandboxKubeconfig("slipway");

  const registry = async (
    name: string,
    input: { kind: "harbor" | "oci"; url: string; username?: string; secret?: string; tokenUrl?: string },
  ) => {
    const saved = await saveRegistry(
      { system: "test" },
      ZRegistrySchema.parse({ name: `${name}-${world.suffix}`, saveUnverified: true, ...input }),
      context,
    );
    return { ...saved, name: `${name}-${world.suffix}` };
  };

  const environment = async (
    name: string,
    options: { registryId?: string; protected?: boolean; autoDeploy?: boolean; refuseCritical?: boolean } = {},
  ) => {
    position += 10;
    const saved = await saveEnvironment(
      { system: "test" },
      {
        name: `${name}${world.suffix}`,
        displayName: name,
        protected: options.protected ?? false,
        position,
        clusterMode: "kubeconfig",
        kubeconfig,
        namespacePattern: "{team}-{env}",
        maxReplicas: 8,
        ...(options.registryId ? { registryId: options.registryId } : {}),
        autoDeploy: options.autoDeploy ?? false,
        refuseCritical: options.refuseCritical ?? false,
        saveUnverified: true,
      },
      context,
    );
    return db.environment.findUniqueOrThrow({ where: { id: saved.id } });
  };

  // An app of the team whose repository path is `team/<name>` (no host: each environment's
  // registry gives it).
  const version = await db.templateVersion.findFirstOrThrow({ where: { template: { name: `rel-${world.suffix}` } } });
  const app = async (name: string, autoDeployPattern = "*") => {
    const created = await createApp(
      world.dev,
      ZCreateAppSchema.parse({
        name,
        teamId: world.team.id,
        templateVersionId: version.id,
        imageRepository: `${world.team.name}/${name}`,
      }),
      context,
    );
    await saveAppBuildSettings(world.dev, { appId: created.id, autoDeployPattern }, context);
    return db.app.findUniqueOrThrow({ where: { id: created.id } });
  };

  return { ...world, registry, environment, app };
}
