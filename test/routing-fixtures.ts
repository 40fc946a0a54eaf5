// A team with a developer and an app on the built-in web-service template, for the routing and
// canary tests: environments point at a given cluster and decide their routing as Slipway does.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { createApp } from "@/lib/services/apps/create-app";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { ensureBuiltinTemplates } from "@/lib/services/templates/ensure-builtin-templates";
import { changeTeamMember } from "@/lib/services/teams/change-team-member";
import { createTeam } from "@/lib/services/teams/create-team";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { ZEnvironmentSchema } from "@/lib/validations/environment";
import { context, makeUser } from "./factories";

export async function makeRoutingWorld() {
  const suffix = randomBytes(3).toString("hex");
  const admin = await makeUser("admin");
  const dev = await makeUser("developer");
  const team = await createTeam(admin, { name: `rt${suffix}`, displayName: "" }, context);
  await changeTeamMember(admin, { teamId: team.id, userId: dev.id, member: true }, context);
  dev.teamIds = [team.id];

  // Saved verified (so routing is detected from the cluster), or unverified (undecided).
  const environment = async (name: string, kubeconfig: string, options: { verified?: boolean } = {}) => {
    const saved = await saveEnvironment(
      admin,
      ZEnvironmentSchema.parse({
        name: `${name}${suffix}`,
        namespacePattern: "{team}-{env}",
        kubeconfig,
        saveUnverified: options.verified === false,
      }),
      context,
    );
    return db.environment.findUniqueOrThrow({ where: { id: saved.id } });
  };

  const webServiceApp = async (name: string, values: Record<string, Record<string, unknown>>) => {
    await ensureBuiltinTemplates();
    const web = await db.template.findUniqueOrThrow({
      where: { name: "web-service" },
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    });
    const app = await createApp(
      dev,
      ZCreateAppSchema.parse({
        name,
        teamId: team.id,
        templateVersionId: web.versions[0]!.id,
        imageRepository: "registry.example.com/shop/web",
      }),
      context,
    );
    for (const [environmentId, envValues] of Object.entries(values))
      await saveAppEnvironment(dev, { appId: app.id, environmentId, values: envValues }, context);
    return app;
  };

  return { suffix, admin, dev, team, environment, webServiceApp };
}
