import Link from "next/link";
import { Badge } from "@/components/ui/card";
import type { Translate } from "@/lib/i18n/locales";

type Delivery = {
  messageId: string;
  event: "firing" | "resolved";
  urgent: boolean;
  state: string;
  channel: string;
  subscription: { id: string; name: string };
  attempts: { at: string; outcome: string | null; answer: string }[];
};

// The messages sent for one alert: which subscription and channel, and every attempt with the
// other side's answer.
export function DeliveryList({ deliveries, t }: { deliveries: Delivery[]; t: Translate }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">{t("alerts.noDeliveries")}</p>;
  return (
    <ul className="space-y-3 text-sm" data-testid="alert-deliveries">
      {deliveries.map((d) => (
        <li key={`${d.messageId}-${d.event}`} className="space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              href={`/alerts/subscriptions/${d.subscription.id}`}
              className="font-medium text-indigo-700 hover:underline"
            >
              {d.subscription.name}
            </Link>
            <span>{t(`alerts.channel.${d.channel}` as "alerts.channel.console")}</span>
            <Badge tone={d.state === "sent" ? "green" : d.state === "failed" ? "red" : "slate"}>
              {t(`alerts.state.${d.state}` as "alerts.state.sent")}
            </Badge>
            <span className="text-xs text-slate-500">{t(`alerts.status.${d.event}`)}</span>
          </p>
          {d.attempts.map((a, i) => (
            <p key={i} className="text-xs text-slate-600">
              {a.at} · {t(`alerts.outcome.${a.outcome ?? "sending"}` as "alerts.outcome.sent")} · {a.answer}
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}
