-- DropForeignKey
ALTER TABLE "auto_deploys" DROP CONSTRAINT "auto_deploys_event_id_fkey";

-- DropForeignKey
ALTER TABLE "jenkins_builds" DROP CONSTRAINT "jenkins_builds_jenkins_server_id_fkey";

-- AlterTable: the push's registry and tag are copied from the delivery, so a release keeps its
-- origin when the registry and its deliveries are deleted.
ALTER TABLE "auto_deploys" ADD COLUMN "registry_name" TEXT,
ADD COLUMN "tag" TEXT;
UPDATE "auto_deploys" a SET "registry_name" = r."name", "tag" = coalesce(e."tag", '')
  FROM "build_events" e JOIN "registries" r ON r."id" = e."registry_id"
  WHERE e."id" = a."event_id";
ALTER TABLE "auto_deploys" ALTER COLUMN "registry_name" SET NOT NULL,
ALTER COLUMN "tag" SET NOT NULL;

-- AlterTable
ALTER TABLE "jenkins_builds" ALTER COLUMN "jenkins_server_id" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "jenkins_builds" ADD CONSTRAINT "jenkins_builds_jenkins_server_id_fkey" FOREIGN KEY ("jenkins_server_id") REFERENCES "jenkins_servers"("id") ON DELETE SET NULL ON UPDATE CASCADE;
