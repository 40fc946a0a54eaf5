-- AlterEnum
ALTER TYPE "ReleaseRequestStatus" ADD VALUE 'stale';

-- AlterTable
ALTER TABLE "release_requests" ADD COLUMN     "diff" JSONB,
ADD COLUMN     "manifest_hash" TEXT,
ADD COLUMN     "parameters_hash" TEXT,
ADD COLUMN     "template_version_id" UUID;

-- AddForeignKey
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_manifest_hash_fkey" FOREIGN KEY ("manifest_hash") REFERENCES "manifests"("hash") ON DELETE RESTRICT ON UPDATE CASCADE;
