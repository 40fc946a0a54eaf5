-- AlterTable
ALTER TABLE "release_requests" ADD COLUMN     "description_message" JSONB;
