// Many apps at once, written straight into the tables (the services would take minutes for
// 10,000): teams, apps spread over them round robin, and releases with the statuses asked for.
// For the app list's tests and bench/scale.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

export type SeededRelease = {
  app: string;
  environment: string;
  status: string;
  image?: string;
  ready?: number;
  desired?: number;
};

// Teams `<prefix>-t<n>` and apps `<prefix>-app-<n>` (zero-padded), on one template version.
export async function seedApps(options: { prefix: string; apps: number; teams: number }): Promise<void> {
  const template = await db.template.upsert({
    where: { name: "app-list-fixture" },
    update: {},
    create: { name: "app-list-fixture" },
  });
  const version = await db.templateVersion.upsert({
    where: { templateId_version: { templateId: template.id, version: 1 } },
    update: {},
    create: { templateId: template.id, version: 1, schema: { parameters: [] }, body: "" },
  });
  const { prefix, apps, teams } = options;
  await db.$executeRaw`
    INSERT INTO teams (id, name, display_name)
    SELECT gen_random_uuid(), ${prefix} || '-t' || lpad(n::text, 3, '0'), ${prefix} || ' team ' || n
    FROM generate_series(1, ${teams}::int) n`;
  await db.$executeRaw`
    INSERT INTO apps (id, name, team_id, template_version_id, image_repository, updated_at)
    SELECT gen_random_uuid(), ${prefix} || '-app-' || lpad(n::text, 5, '0'), t.id, ${version.id}::uuid,
      'bench/' || ${prefix} || '-app-' || n, now()
    FROM generate_series(1, ${apps}::int) n
    JOIN teams t ON t.name = ${prefix} || '-t' || lpad((1 + n % ${teams}::int)::text, 3, '0')`;
}

// Appends a release to each (app, environment) named, numbered after the ones there.
export async function seedReleases(releases: SeededRelease[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO manifests (hash, objects) VALUES ('app-list-fixture', '[]') ON CONFLICT DO NOTHING`;
  for (const release of releases) {
    const progress =
      release.ready === undefined
        ? null
        : JSON.stringify({ rollout: { ready: release.ready, desired: release.desired ?? release.ready } });
    await db.$executeRaw`
      INSERT INTO releases (id, app_id, environment_id, number, kind, status, image, parameters, manifest_hash,
        actor_label, progress, updated_at)
      SELECT ${randomUUID()}::uuid, a.id, e.id,
        COALESCE((SELECT max(number) FROM releases r WHERE r.app_id = a.id AND r.environment_id = e.id), 0) + 1,
        'deploy', ${release.status}::"ReleaseStatus", ${release.image ?? null}, '{}', 'app-list-fixture', 'fixture',
        ${progress}::jsonb, now()
      FROM apps a, environments e WHERE a.name = ${release.app} AND e.name = ${release.environment}`;
  }
}
