import "server-only";
import { AppError } from "@/lib/errors";
import { checkJenkins, type JenkinsAccess } from "@/lib/integrations/jenkins/jenkins-client";
import { checkRegistry } from "@/lib/integrations/registry/image-source";
import type { RegistryAccess } from "@/lib/integrations/registry/registry-access";
import type { MessageValue, StoredMessage as Message } from "@/lib/i18n/stored-message";

// A message for people, stored as its key and values and rendered in the reader's language
// (lib/i18n/stored-message.ts); `message` is the English text, for logs and API callers.
export type StoredMessage = Message & { values: Record<string, MessageValue>; message: string };

export type IntegrationCheck = { ok: boolean; version: string | null; error: StoredMessage | null };

export function storedMessage(error: unknown): StoredMessage {
  if (error instanceof AppError && error.messageKey)
    return { key: error.messageKey, values: error.values ?? {}, message: error.message };
  console.error("integration check failed unexpectedly", error);
  return { key: "integrations.error.unexpected", values: {}, message: "The check failed unexpectedly." };
}

export async function checkRegistryAccess(access: RegistryAccess): Promise<IntegrationCheck> {
  try {
    const { version } = await checkRegistry(access);
    return { ok: true, version, error: null };
  } catch (error) {
    return { ok: false, version: null, error: storedMessage(error) };
  }
}

export async function checkJenkinsAccess(access: JenkinsAccess): Promise<IntegrationCheck> {
  try {
    const { version } = await checkJenkins(access);
    return { ok: true, version, error: null };
  } catch (error) {
    return { ok: false, version: null, error: storedMessage(error) };
  }
}
