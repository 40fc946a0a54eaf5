-- CreateTable
CREATE TABLE "environment_grafana" (
    "environment_id" UUID NOT NULL,
    "base_url" TEXT NOT NULL,
    "org_id" INTEGER NOT NULL DEFAULT 1,
    "dashboard_uid" TEXT,
    "panels" JSONB,
    "variables" JSONB,
    "token_encrypted" TEXT,
    "checked_at" TIMESTAMPTZ(3),
    "check_result" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "environment_grafana_pkey" PRIMARY KEY ("environment_id")
);

-- CreateTable
CREATE TABLE "app_grafana" (
    "app_id" UUID NOT NULL,
    "dashboard_uid" TEXT,
    "panels" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_grafana_pkey" PRIMARY KEY ("app_id")
);

-- CreateTable
CREATE TABLE "grafana_markers" (
    "release_id" UUID NOT NULL,
    "annotation_id" BIGINT,
    "end_marked" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" JSONB,
    "last_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "grafana_markers_pkey" PRIMARY KEY ("release_id")
);

-- AddForeignKey
ALTER TABLE "environment_grafana" ADD CONSTRAINT "environment_grafana_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_grafana" ADD CONSTRAINT "app_grafana_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grafana_markers" ADD CONSTRAINT "grafana_markers_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The Grafana base URL an environment had moves to its Grafana settings, with Slipway's
-- built-in dashboard, panels and variables (null), before the old column goes.
INSERT INTO "environment_grafana" ("environment_id", "base_url", "updated_at")
SELECT "id", "grafana_base_url", now() FROM "environments" WHERE "grafana_base_url" IS NOT NULL;

-- AlterTable
ALTER TABLE "environments" DROP COLUMN "grafana_base_url";
