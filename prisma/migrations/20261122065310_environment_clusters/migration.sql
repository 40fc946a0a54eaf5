-- CreateEnum
CREATE TYPE "ClusterMode" AS ENUM ('kubeconfig', 'in_cluster');

-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "check_result" JSONB,
ADD COLUMN     "checked_at" TIMESTAMPTZ(3),
ADD COLUMN     "cluster_context" TEXT,
ADD COLUMN     "cluster_mode" "ClusterMode" NOT NULL DEFAULT 'kubeconfig',
ADD COLUMN     "cluster_server" TEXT,
ADD COLUMN     "grafana_base_url" TEXT,
ADD COLUMN     "image_registry" TEXT,
ADD COLUMN     "kubeconfig_encrypted" TEXT,
ADD COLUMN     "namespace_pattern" TEXT NOT NULL DEFAULT '{team}-{env}',
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;
