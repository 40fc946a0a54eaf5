-- AlterTable
ALTER TABLE "manifests" ALTER COLUMN "objects" SET DATA TYPE TEXT;
