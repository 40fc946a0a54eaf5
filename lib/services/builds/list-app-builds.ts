import "server-only";
import { db } from "@/lib/db";

export type BuildView = {
  id: string;
  job: string;
  number: number | null;
  status: string;
  commit: string | null;
  branch: string | null;
  image: string | null;
  buildUrl: string | null;
  triggeredBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

// An app's latest Jenkins builds, triggered here or reported by its Jenkinsfile.
export async function listAppBuilds(appId: string, limit = 10): Promise<BuildView[]> {
  const rows = await db.jenkinsBuild.findMany({ where: { appId }, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map((row) => ({
    id: row.id,
    job: row.job,
    number: row.number,
    status: row.status,
    commit: row.commit,
    branch: row.branch,
    image: row.image,
    buildUrl: row.buildUrl,
    triggeredBy: row.triggeredByLabel,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  }));
}
