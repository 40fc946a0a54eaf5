-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ReleaseKind" ADD VALUE 'canary_start';
ALTER TYPE "ReleaseKind" ADD VALUE 'canary_switch';
ALTER TYPE "ReleaseKind" ADD VALUE 'canary_promote';
ALTER TYPE "ReleaseKind" ADD VALUE 'canary_abort';

-- CreateTable
CREATE TABLE "canaries" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "image" TEXT NOT NULL,
    "header_name" TEXT NOT NULL,
    "header_value" TEXT NOT NULL,
    "weight" INTEGER,
    "replicas" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "promoted_by" TEXT,
    "started_by_id" UUID,
    "started_by_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "canaries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "canaries_environment_id_idx" ON "canaries"("environment_id");

-- CreateIndex
CREATE UNIQUE INDEX "canaries_app_id_environment_id_key" ON "canaries"("app_id", "environment_id");

-- AddForeignKey
ALTER TABLE "canaries" ADD CONSTRAINT "canaries_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "canaries" ADD CONSTRAINT "canaries_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
