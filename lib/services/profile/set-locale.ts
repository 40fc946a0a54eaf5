import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/locales";
import type { RequestContext } from "@/lib/request-context";

export async function setLocale(actor: CurrentUser, locale: Locale, context: RequestContext): Promise<void> {
  if (actor.locale === locale) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { locale } });
    await writeAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "user.set_locale",
      target: { type: "user", id: actor.id, label: actor.email },
      before: { locale: actor.locale },
      after: { locale },
      context,
    });
  });
}
