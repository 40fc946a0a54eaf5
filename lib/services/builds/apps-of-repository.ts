import "server-only";
import { db } from "@/lib/db";
import { repositoryPath } from "./image-reference";

// The apps whose repository path is this one (Harbor's repo_full_name: project/path), whether
// they store it with a host in front or not.
export async function appsOfRepository(repository: string) {
  const candidates = await db.app.findMany({
    where: { OR: [{ imageRepository: repository }, { imageRepository: { endsWith: `/${repository}` } }] },
    select: { id: true, name: true, teamId: true, imageRepository: true, autoDeployPattern: true },
  });
  return candidates.filter((app) => repositoryPath(app.imageRepository) === repository);
}
