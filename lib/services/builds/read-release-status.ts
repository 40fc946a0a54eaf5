import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// A release's status for scripts and pipelines. People read every release (DESIGN.md roles);
// a pipeline token reads its own team's only, and another team's does not exist for it.
export async function readReleaseStatus(caller: CurrentUser, id: string, viaToken: boolean) {
  const release = await db.release.findUnique({
    where: { id },
    include: {
      app: { select: { id: true, name: true, teamId: true, team: { select: { name: true } } } },
      environment: true,
    },
  });
  if (!release || (viaToken && !caller.teamIds.includes(release.app.teamId)))
    throw new AppError("not_found", "Unknown release.", { field: "id" });
  return {
    id: release.id,
    app: `${release.app.team.name}/${release.app.name}`,
    environment: release.environment.name,
    number: release.number,
    kind: release.kind,
    status: release.status,
    image: release.image,
    imageDigest: release.imageDigest,
    actor: release.actorLabel,
    error: release.error,
    createdAt: release.createdAt,
    finishedAt: release.finishedAt,
  };
}
