-- CreateEnum
CREATE TYPE "ReleaseKind" AS ENUM ('deploy', 'rollback', 'scale', 'restart');

-- CreateEnum
CREATE TYPE "ReleaseStatus" AS ENUM ('pending', 'applying', 'progressing', 'succeeded', 'failed', 'superseded');

-- CreateEnum
CREATE TYPE "ReleaseRequestStatus" AS ENUM ('pending', 'approved', 'rejected');

-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "auto_rollback" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "max_replicas" INTEGER NOT NULL DEFAULT 50;

-- CreateTable
CREATE TABLE "manifests" (
    "hash" TEXT NOT NULL,
    "objects" JSONB NOT NULL,
    "secrets_encrypted" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "manifests_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "releases" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "ReleaseKind" NOT NULL,
    "status" "ReleaseStatus" NOT NULL DEFAULT 'pending',
    "image" TEXT,
    "image_digest" TEXT,
    "parameters" JSONB NOT NULL,
    "manifest_hash" TEXT NOT NULL,
    "operation" JSONB,
    "description" TEXT NOT NULL DEFAULT '',
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "trigger" TEXT NOT NULL DEFAULT 'user',
    "approved_by_label" TEXT,
    "rollback_of_id" UUID,
    "take_over" BOOLEAN NOT NULL DEFAULT false,
    "applied" JSONB,
    "progress" JSONB,
    "kube_revision" INTEGER,
    "error" TEXT,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "releases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release_events" (
    "id" BIGSERIAL NOT NULL,
    "release_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "object" TEXT,
    "message" TEXT NOT NULL,

    CONSTRAINT "release_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release_locks" (
    "app_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "release_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_locks_pkey" PRIMARY KEY ("app_id","environment_id")
);

-- CreateTable
CREATE TABLE "release_requests" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "tag" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "ReleaseRequestStatus" NOT NULL DEFAULT 'pending',
    "requested_by_id" UUID NOT NULL,
    "requested_by_label" TEXT NOT NULL,
    "decided_by_id" UUID,
    "decided_by_label" TEXT,
    "comment" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "release_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "releases_environment_id_created_at_idx" ON "releases"("environment_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "releases_created_at_idx" ON "releases"("created_at" DESC);

-- CreateIndex
CREATE INDEX "releases_status_idx" ON "releases"("status");

-- CreateIndex
CREATE INDEX "releases_manifest_hash_idx" ON "releases"("manifest_hash");

-- CreateIndex
CREATE UNIQUE INDEX "releases_app_id_environment_id_number_key" ON "releases"("app_id", "environment_id", "number");

-- CreateIndex
CREATE INDEX "release_events_release_id_id_idx" ON "release_events"("release_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "release_locks_release_id_key" ON "release_locks"("release_id");

-- CreateIndex
CREATE UNIQUE INDEX "release_requests_release_id_key" ON "release_requests"("release_id");

-- CreateIndex
CREATE INDEX "release_requests_status_created_at_idx" ON "release_requests"("status", "created_at");

-- CreateIndex
CREATE INDEX "release_requests_app_id_environment_id_idx" ON "release_requests"("app_id", "environment_id");

-- AddForeignKey
ALTER TABLE "releases" ADD CONSTRAINT "releases_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "releases" ADD CONSTRAINT "releases_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "releases" ADD CONSTRAINT "releases_manifest_hash_fkey" FOREIGN KEY ("manifest_hash") REFERENCES "manifests"("hash") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "releases" ADD CONSTRAINT "releases_rollback_of_id_fkey" FOREIGN KEY ("rollback_of_id") REFERENCES "releases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_events" ADD CONSTRAINT "release_events_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_locks" ADD CONSTRAINT "release_locks_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
