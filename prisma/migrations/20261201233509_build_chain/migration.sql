-- CreateEnum
CREATE TYPE "RegistryKind" AS ENUM ('harbor', 'oci');

-- CreateEnum
CREATE TYPE "BuildEventStatus" AS ENUM ('received', 'processing', 'processed', 'ignored', 'failed');

-- CreateEnum
CREATE TYPE "JenkinsBuildStatus" AS ENUM ('queued', 'running', 'succeeded', 'unstable', 'failed', 'aborted', 'not_built', 'cancelled', 'lost');

-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "auto_deploy" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "refuse_critical" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "registry_id" UUID;

-- AlterTable
ALTER TABLE "apps" ADD COLUMN     "auto_deploy_pattern" TEXT NOT NULL DEFAULT '*',
ADD COLUMN     "jenkins_job" TEXT,
ADD COLUMN     "jenkins_server_id" UUID;

-- AlterTable
ALTER TABLE "release_requests" ADD COLUMN     "digest" TEXT;

-- CreateTable
CREATE TABLE "registries" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RegistryKind" NOT NULL,
    "url" TEXT NOT NULL,
    "token_url" TEXT,
    "username" TEXT,
    "secret_encrypted" TEXT,
    "webhook_secret_hash" TEXT,
    "checked_at" TIMESTAMPTZ(3),
    "check_result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "registries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jenkins_servers" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "token_encrypted" TEXT,
    "webhook_secret_hash" TEXT,
    "checked_at" TIMESTAMPTZ(3),
    "check_result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "jenkins_servers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "build_events" (
    "id" UUID NOT NULL,
    "registry_id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "tag" TEXT,
    "digest" TEXT NOT NULL,
    "operator" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "BuildEventStatus" NOT NULL DEFAULT 'received',
    "reason" TEXT,
    "reason_values" JSONB,
    "claimed_until" TIMESTAMPTZ(3),
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "build_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_tags" (
    "id" UUID NOT NULL,
    "registry_id" UUID NOT NULL,
    "repository" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "pushed_at" TIMESTAMPTZ(3) NOT NULL,
    "pushed_by" TEXT,
    "event_id" UUID NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "image_tags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_scans" (
    "digest" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT,
    "critical" INTEGER NOT NULL DEFAULT 0,
    "high" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "scanner" TEXT,
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "image_scans_pkey" PRIMARY KEY ("digest")
);

-- CreateTable
CREATE TABLE "auto_deploys" (
    "event_id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "release_id" UUID NOT NULL,
    "pushed_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auto_deploys_pkey" PRIMARY KEY ("event_id","app_id","environment_id")
);

-- CreateTable
CREATE TABLE "jenkins_builds" (
    "id" UUID NOT NULL,
    "jenkins_server_id" UUID NOT NULL,
    "app_id" UUID,
    "job" TEXT NOT NULL,
    "number" INTEGER,
    "queue_url" TEXT,
    "build_url" TEXT,
    "status" "JenkinsBuildStatus" NOT NULL DEFAULT 'queued',
    "commit" TEXT,
    "branch" TEXT,
    "image" TEXT,
    "image_repository" TEXT,
    "image_tag" TEXT,
    "triggered_by_id" UUID,
    "triggered_by_label" TEXT,
    "misses" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "jenkins_builds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pipeline_tokens" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_by_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pipeline_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "registries_name_key" ON "registries"("name");

-- CreateIndex
CREATE UNIQUE INDEX "jenkins_servers_name_key" ON "jenkins_servers"("name");

-- CreateIndex
CREATE INDEX "build_events_registry_id_received_at_idx" ON "build_events"("registry_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "build_events_status_received_at_idx" ON "build_events"("status", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "build_events_registry_id_body_hash_key" ON "build_events"("registry_id", "body_hash");

-- CreateIndex
CREATE INDEX "image_tags_registry_id_repository_tag_idx" ON "image_tags"("registry_id", "repository", "tag");

-- CreateIndex
CREATE UNIQUE INDEX "image_tags_registry_id_repository_digest_tag_key" ON "image_tags"("registry_id", "repository", "digest", "tag");

-- CreateIndex
CREATE UNIQUE INDEX "auto_deploys_release_id_key" ON "auto_deploys"("release_id");

-- CreateIndex
CREATE INDEX "jenkins_builds_app_id_created_at_idx" ON "jenkins_builds"("app_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "jenkins_builds_image_repository_image_tag_idx" ON "jenkins_builds"("image_repository", "image_tag");

-- CreateIndex
CREATE UNIQUE INDEX "jenkins_builds_jenkins_server_id_job_number_key" ON "jenkins_builds"("jenkins_server_id", "job", "number");

-- CreateIndex
CREATE UNIQUE INDEX "pipeline_tokens_token_hash_key" ON "pipeline_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "pipeline_tokens_team_id_name_key" ON "pipeline_tokens"("team_id", "name");

-- CreateIndex
CREATE INDEX "environments_registry_id_idx" ON "environments"("registry_id");

-- Migrate the free-text image registry of environments: one registry per distinct host (the
-- path after it was never used to build an image), named by that host, kind "oci" (Harbor
-- speaks it too; an admin may switch the kind and add credentials on the integrations page).
INSERT INTO "registries" ("id", "name", "kind", "url", "updated_at")
SELECT gen_random_uuid(), host, 'oci', 'https://' || host, CURRENT_TIMESTAMP
FROM (
  SELECT DISTINCT lower(split_part("image_registry", '/', 1)) AS host
  FROM "environments" WHERE coalesce("image_registry", '') <> ''
) AS hosts;

UPDATE "environments" AS e SET "registry_id" = r."id"
FROM "registries" AS r
WHERE coalesce(e."image_registry", '') <> '' AND r."name" = lower(split_part(e."image_registry", '/', 1));

ALTER TABLE "environments" DROP COLUMN "image_registry";

-- AddForeignKey
ALTER TABLE "environments" ADD CONSTRAINT "environments_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apps" ADD CONSTRAINT "apps_jenkins_server_id_fkey" FOREIGN KEY ("jenkins_server_id") REFERENCES "jenkins_servers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "build_events" ADD CONSTRAINT "build_events_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auto_deploys" ADD CONSTRAINT "auto_deploys_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "build_events"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auto_deploys" ADD CONSTRAINT "auto_deploys_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jenkins_builds" ADD CONSTRAINT "jenkins_builds_jenkins_server_id_fkey" FOREIGN KEY ("jenkins_server_id") REFERENCES "jenkins_servers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jenkins_builds" ADD CONSTRAINT "jenkins_builds_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_tokens" ADD CONSTRAINT "pipeline_tokens_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
