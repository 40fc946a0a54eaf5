import { Time } from "@/components/i18n/time";
import Link from "next/link";
import { MarkReadButton } from "@/components/alerting/mark-read-button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/locales";
import { listInbox } from "@/lib/services/inbox/list-inbox";
import { markInboxReadAction } from "../alerts/actions";

export default async function InboxPage() {
  const user = await requirePageUser();
  const { t } = await getI18n();
  const items = await listInbox(user.id);
  return (
    <>
      <PageHeader
        title={t("inbox.title")}
        actions={items.some((i) => i.unread) ? <MarkReadButton action={markInboxReadAction} /> : null}
      />
      {items.length === 0 ? <EmptyState title={t("inbox.empty")} /> : null}
      <div className="space-y-3">
        {items.map((item) => (
          <Card key={item.id}>
            <div className="text-sm" data-testid="inbox-item">
              <p className="flex flex-wrap items-center gap-2">
                {item.unread ? <Badge tone="indigo">{t("inbox.unread")}</Badge> : null}
                <span className="text-slate-500">
                  <Time value={item.createdAt} />
                </span>
                <span className="font-medium">
                  {item.kind === "alerts"
                    ? t("inbox.alerts", {
                        firing: Number(item.values.firing ?? 0),
                        resolved: Number(item.values.resolved ?? 0),
                        subscription: item.subscription ?? "",
                      })
                    : t("inbox.channelDisabled", {
                        subscription: String(item.values.subscription ?? ""),
                        channel: t(`alerts.channel.${String(item.values.channel)}` as MessageKey),
                        reason: (() => {
                          const reason = item.values.reason as { key: string; values: Record<string, string | number> };
                          return t(reason.key as MessageKey, reason.values);
                        })(),
                      })}
                </span>
              </p>
              <ul className="mt-2 space-y-1">
                {item.alerts.map((alert) => (
                  <li key={`${alert.id}-${alert.event}`}>
                    <Badge tone={alert.event === "firing" ? "red" : "green"}>{t(`alerts.status.${alert.event}`)}</Badge>{" "}
                    <Link href={`/alerts/${alert.id}`} className="text-indigo-700 hover:underline">
                      {alert.alertname}
                    </Link>{" "}
                    <span className="text-xs text-slate-500">
                      {alert.severity} {alert.where}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          </Card>
        ))}
      </div>
    </>
  );
}
