import "server-only";
import { db } from "@/lib/db";
import { AppError, isForeignKeyViolation } from "@/lib/errors";
import type { RequestContext } from "@/lib/request-context";
import { ZJenkinsWebhookSchema } from "@/lib/validations/jenkins";
import { appsOfRepository } from "./apps-of-repository";
import { authenticateWebhook } from "./authenticate-webhook";
import { repositoryPath, tagOf } from "./image-reference";
import { FINAL_BUILD_STATUSES, statusOfResult } from "./jenkins-status";

// The image's repository path and tag, to find this build beside the tag in the picker.
function imageParts(image: string | undefined): { imageRepository: string | null; imageTag: string | null } {
  if (!image) return { imageRepository: null, imageTag: null };
  const tag = tagOf(image);
  const name = image.split("@")[0]!.slice(0, tag ? -(tag.length + 1) : undefined);
  return { imageRepository: repositoryPath(name), imageTag: tag };
}

// A Jenkinsfile's post step reporting a build: secret checked (constant time) before the body
// is read, then one row per (server, job, number), updated when the same build reports again.
// The build belongs to the app that names this job, or else to the one app of its image.
export async function receiveJenkinsWebhook(
  integrationId: string,
  delivery: { authorization: string | null; body: () => Promise<{ json: unknown }> },
  context: RequestContext,
): Promise<{ buildId: string }> {
  const server = await authenticateWebhook("jenkins", integrationId, delivery.authorization, context);
  const parsed = ZJenkinsWebhookSchema.safeParse((await delivery.body()).json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    throw new AppError("invalid_input", `${field}: ${issue?.message ?? "invalid"}`, { field });
  }
  const input = parsed.data;
  const image = input.image || undefined;
  const parts = imageParts(image);
  const byJob = await db.app.findFirst({
    where: { jenkinsServerId: server.id, jenkinsJob: input.job },
    select: { id: true },
  });
  const byImage = !byJob && parts.imageRepository ? await appsOfRepository(parts.imageRepository) : [];
  const appId = byJob?.id ?? (byImage.length === 1 ? byImage[0]!.id : null);
  const status = statusOfResult(input.result);
  const data = {
    status,
    ...(input.commit ? { commit: input.commit } : {}),
    ...(input.branch ? { branch: input.branch } : {}),
    ...(image ? { image, ...parts } : {}),
    ...(input.url ? { buildUrl: input.url } : {}),
    ...(FINAL_BUILD_STATUSES.includes(status) ? { finishedAt: new Date() } : {}),
  };
  const build = await db.jenkinsBuild
    .upsert({
      where: { jenkinsServerId_job_number: { jenkinsServerId: server.id, job: input.job, number: input.number } },
      create: { jenkinsServerId: server.id, job: input.job, number: input.number, appId, ...data },
      update: { ...data, ...(appId ? { appId } : {}) },
      select: { id: true },
    })
    .catch((error: unknown) => {
      // The server was deleted while this report was read: as if it had arrived after.
      if (isForeignKeyViolation(error)) throw new AppError("not_found", `No Jenkins server ${integrationId}.`);
      throw error;
    });
  return { buildId: build.id };
}
