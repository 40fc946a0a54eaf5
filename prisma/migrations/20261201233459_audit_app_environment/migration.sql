-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "app_id" UUID,
ADD COLUMN     "environment_id" UUID;

-- CreateIndex
CREATE INDEX "audit_events_app_id_at_idx" ON "audit_events"("app_id", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_environment_id_at_idx" ON "audit_events"("environment_id", "at" DESC);
