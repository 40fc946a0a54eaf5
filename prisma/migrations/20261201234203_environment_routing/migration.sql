-- CreateEnum
CREATE TYPE "RoutingMode" AS ENUM ('none', 'gateway_api', 'ingress_nginx');

-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "gateway_name" TEXT,
ADD COLUMN     "gateway_namespace" TEXT,
ADD COLUMN     "gateway_section" TEXT,
ADD COLUMN     "routing" "RoutingMode" NOT NULL DEFAULT 'none',
ADD COLUMN     "routing_decided_at" TIMESTAMPTZ(3);


-- Environments from before routing existed got an Ingress for every app with a host: they keep
-- exactly that (ingress-nginx), decided, so no detection changes what their apps render.
UPDATE "environments" SET "routing" = 'ingress_nginx', "routing_decided_at" = CURRENT_TIMESTAMP;
