import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/request-context";

type Setting = { locale: string; timeZone: string | null };

// One of a person's own settings (language, time zone) saved on their account, audited with
// what it was before; nothing is written when it does not change.
export async function saveProfileSetting<K extends keyof Setting>(
  actor: CurrentUser,
  setting: { name: K; value: Setting[K]; action: string },
  context: RequestContext,
): Promise<void> {
  if (actor[setting.name] === setting.value) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { [setting.name]: setting.value } });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: setting.action,
      target: { type: "user", id: actor.id, label: actor.email },
      before: { [setting.name]: actor[setting.name] },
      after: { [setting.name]: setting.value },
      context,
    });
  });
}
