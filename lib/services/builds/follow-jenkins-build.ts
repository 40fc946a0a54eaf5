import "server-only";
import { db } from "@/lib/db";
import {
  findBuildByQueueId,
  queueIdOf,
  readBuild,
  readQueueItem,
  type JenkinsAccess,
} from "@/lib/integrations/jenkins/jenkins-client";
import { openJenkins } from "@/lib/services/integrations/integration-access";
import { FINAL_BUILD_STATUSES, statusOfResult } from "./jenkins-status";

// A queue item that stays gone (left the queue, expired, no build names it) this many polls
// in a row is given up as lost.
export const MAX_MISSES = 5;

// One look at a triggered build: from its queue item to the build number (waiting, started,
// cancelled, or gone: then the job's builds are searched for its queue id), then the build to
// its result. "again" asks the caller to look again a little later.
export async function followJenkinsBuild(buildId: string): Promise<"done" | "again"> {
  const build = await db.jenkinsBuild.findUnique({ where: { id: buildId }, include: { jenkinsServer: true } });
  if (!build || FINAL_BUILD_STATUSES.includes(build.status)) return "done";
  // Its server was deleted meanwhile: nothing is left to ask.
  if (!build.jenkinsServer) return finish(buildId, { status: "lost" });
  const access = openJenkins(build.jenkinsServer);
  let number = build.number;
  if (number === null) {
    const queueId = build.queueUrl ? queueIdOf(build.queueUrl) : null;
    if (queueId === null) return finish(buildId, { status: "lost" });
    const found = await numberFromQueue(access, build.job, queueId);
    if (found === "cancelled") return finish(buildId, { status: "cancelled" });
    if (found === "waiting") return "again";
    if (found === null) return miss(buildId, build.misses);
    number = found;
    await db.jenkinsBuild.update({ where: { id: buildId }, data: { number, status: "running", misses: 0 } });
  }
  const state = await readBuild(access, build.job, number);
  if (!state) return miss(buildId, build.misses);
  const status = state.building ? "running" : statusOfResult(state.result ?? "FAILURE");
  if (status === "running") {
    await db.jenkinsBuild.update({ where: { id: buildId }, data: { status, buildUrl: state.url ?? build.buildUrl } });
    return "again";
  }
  return finish(buildId, { status, buildUrl: state.url ?? build.buildUrl });
}

async function numberFromQueue(
  access: JenkinsAccess,
  job: string,
  queueId: number,
): Promise<number | null | "waiting" | "cancelled"> {
  const item = await readQueueItem(access, queueId);
  if (item.state === "started") return item.number;
  if (item.state === "waiting" || item.state === "cancelled") return item.state;
  return findBuildByQueueId(access, job, queueId);
}

async function miss(buildId: string, misses: number): Promise<"done" | "again"> {
  if (misses + 1 >= MAX_MISSES) return finish(buildId, { status: "lost" });
  await db.jenkinsBuild.update({ where: { id: buildId }, data: { misses: misses + 1 } });
  return "again";
}

async function finish(
  buildId: string,
  data: { status: (typeof FINAL_BUILD_STATUSES)[number]; buildUrl?: string | null },
): Promise<"done"> {
  await db.jenkinsBuild.update({ where: { id: buildId }, data: { ...data, finishedAt: new Date() } });
  return "done";
}
