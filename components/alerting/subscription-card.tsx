"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ComponentProps } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { MessageKey } from "@/lib/i18n/locales";
import type { SubscriptionView } from "@/lib/services/subscriptions/list-subscriptions";
import { SubscriptionForm } from "./subscription-form";

type FormProps = ComponentProps<typeof SubscriptionForm>;

// One subscription: what it takes, where it sends (a disabled channel with its reason), its
// delivery log, and edit or delete for those who manage it.
export function SubscriptionCard({
  subscription,
  summary,
  options,
  save,
  remove,
}: {
  subscription: SubscriptionView;
  summary: string;
  options: FormProps["options"];
  save: FormProps["save"];
  remove: (input: { id: string }) => Promise<ActionResult<void>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const deleting = useAction(remove);
  return (
    <div data-testid={`subscription-${subscription.name}`}>
      <Card
        title={
          <span className="flex items-center justify-between gap-2">
            <span>
              {subscription.name}
              {subscription.team ? (
                <span className="ml-2 text-xs font-normal text-slate-500">
                  {t("alerts.sub.scopeTeam", { team: subscription.team })}
                </span>
              ) : null}
            </span>
            <Link
              href={`/alerts/subscriptions/${subscription.id}`}
              className="text-sm font-normal text-indigo-700 hover:underline"
            >
              {t("alerts.sub.log")}
            </Link>
          </span>
        }
        description={summary}
      >
        <ul className="space-y-1 text-sm">
          {subscription.channels.map((channel) => (
            <li key={channel.id}>
              {t(`alerts.channel.${channel.kind}`)}
              {channel.url ? <span className="ml-2 font-mono text-xs">{channel.url}</span> : null}
              {channel.disabledReason ? (
                <Notice tone="error" testId="channel-disabled">
                  {t("alerts.sub.disabled", {
                    reason: t(channel.disabledReason.key as MessageKey, channel.disabledReason.values),
                  })}
                </Notice>
              ) : null}
            </li>
          ))}
        </ul>
        {deleting.error ? <Notice tone="error">{deleting.error}</Notice> : null}
        {subscription.mayEdit ? (
          <div className="mt-3 flex gap-2">
            <Button variant="secondary" onClick={() => setEditing(!editing)}>
              {t("alerts.editSubscription")}
            </Button>
            <Button
              variant="danger"
              disabled={deleting.pending}
              onClick={() => deleting.run({ id: subscription.id }, () => router.refresh())}
            >
              {t("alerts.sub.delete")}
            </Button>
          </div>
        ) : null}
        {editing ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <SubscriptionForm
              initial={{
                ...subscription,
                channels: subscription.channels.map((c) => ({ ...c, key: "" })),
              }}
              options={options}
              save={save}
              onDone={() => setEditing(false)}
            />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
