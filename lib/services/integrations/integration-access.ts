import "server-only";
import { openSecret } from "@/lib/crypto/keys";
import { db } from "@/lib/db";
import type { JenkinsServer, Registry } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { JenkinsAccess } from "@/lib/integrations/jenkins/jenkins-client";
import type { RegistryAccess } from "@/lib/integrations/registry/registry-access";

export const registrySecretPlace = (id: string) => `registry:${id}:secret`;
export const jenkinsTokenPlace = (id: string) => `jenkins:${id}:token`;

type RegistryRow = Pick<Registry, "id" | "name" | "kind" | "url" | "tokenUrl" | "username" | "secretEncrypted">;

// A registry row with its secret opened, for the clients in lib/integrations only.
export function openRegistry(row: RegistryRow): RegistryAccess {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    tokenUrl: row.tokenUrl,
    username: row.username,
    secret: row.secretEncrypted ? openSecret(row.secretEncrypted, registrySecretPlace(row.id)) : null,
  };
}

export async function loadRegistryAccess(id: string): Promise<RegistryAccess> {
  const row = await db.registry.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "Unknown registry.", { field: "registryId" });
  return openRegistry(row);
}

type JenkinsRow = Pick<JenkinsServer, "id" | "name" | "url" | "username" | "tokenEncrypted">;

export function openJenkins(row: JenkinsRow): JenkinsAccess {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    username: row.username,
    token: row.tokenEncrypted ? openSecret(row.tokenEncrypted, jenkinsTokenPlace(row.id)) : null,
  };
}
