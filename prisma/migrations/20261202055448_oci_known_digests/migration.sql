-- CreateTable
CREATE TABLE "known_digests" (
    "registry_id" UUID NOT NULL,
    "repository" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_digests_pkey" PRIMARY KEY ("registry_id","repository","tag")
);

-- AddForeignKey
ALTER TABLE "known_digests" ADD CONSTRAINT "known_digests_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
