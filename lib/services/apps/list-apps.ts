import "server-only";
import { db } from "@/lib/db";

export async function getApp(id: string) {
  const app = await db.app.findUnique({
    where: { id },
    include: {
      team: true,
      templateVersion: { include: { template: { include: { versions: { orderBy: { version: "desc" } } } } } },
    },
  });
  if (!app) return null;
  return {
    id: app.id,
    name: app.name,
    teamId: app.teamId,
    team: app.team.name,
    imageRepository: app.imageRepository,
    template: app.templateVersion.template.name,
    templateVersion: app.templateVersion.version,
    newerVersions: app.templateVersion.template.versions
      .filter((v) => v.version > app.templateVersion.version)
      .map((v) => ({ id: v.id, version: v.version, changelog: v.changelog })),
  };
}

// Templates and their versions to choose from when creating an app.
export async function templateChoices() {
  const versions = await db.templateVersion.findMany({
    include: { template: true },
    orderBy: [{ template: { name: "asc" } }, { version: "desc" }],
  });
  return versions.map((v) => ({ id: v.id, label: `${v.template.name} v${v.version}` }));
}
