-- AlterTable
ALTER TABLE "releases" ADD COLUMN     "description_message" JSONB,
ADD COLUMN     "error_message" JSONB;

-- AlterTable
ALTER TABLE "release_events" ADD COLUMN     "message_data" JSONB;
