import { Time } from "@/components/i18n/time";
import { notFound } from "next/navigation";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/link-button";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/locales";
import { subscriptionLog } from "@/lib/services/subscriptions/subscription-log";
import { ZIdSchema } from "@/lib/validations/common";

export default async function SubscriptionLogPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("subscriptions.own");
  const { id } = await params;
  if (!ZIdSchema.safeParse(id).success) notFound();
  const log = await subscriptionLog(user, id);
  if (!log) notFound();
  const { t } = await getI18n();
  return (
    <>
      <PageHeader
        title={t("alerts.log.title", { name: log.name })}
        actions={<BackLink href="/alerts/subscriptions" label={t("common.back")} />}
      />
      {log.messages.length === 0 ? (
        <EmptyState title={t("alerts.log.empty")} />
      ) : (
        <Table
          head={[
            t("alerts.log.when"),
            t("alerts.log.channel"),
            t("alerts.log.kind"),
            t("alerts.log.outcome"),
            t("alerts.log.answer"),
          ]}
        >
          {log.messages.map((message) => (
            <tr key={message.id} data-testid="log-row">
              <Td className="whitespace-nowrap">
                <Time value={message.openedAt} />
              </Td>
              <Td>{t(`alerts.channel.${message.channel}`)}</Td>
              <Td>
                {t(message.urgent ? "alerts.log.urgent" : "alerts.log.digest", { count: message.items })}{" "}
                <Badge tone={message.state === "sent" ? "green" : message.state === "failed" ? "red" : "slate"}>
                  {t(`alerts.state.${message.state}`)}
                </Badge>
              </Td>
              <Td>
                {message.attempts.map((a, i) => (
                  <p key={i} className="whitespace-nowrap text-xs">
                    <Time value={a.at} /> · {t(`alerts.outcome.${a.outcome ?? "sending"}` as MessageKey)}
                  </p>
                ))}
              </Td>
              <Td>
                {message.attempts.map((a, i) => (
                  <p key={i} className="text-xs">
                    {a.answer ? t(a.answer.key as MessageKey, a.answer.values) : "…"}
                  </p>
                ))}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
