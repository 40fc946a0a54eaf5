"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { EngineText, Msg } from "@/components/i18n/message-text";
import { Badge } from "@/components/ui/card";
import type { ConnectionCheck } from "@/lib/kube/check-connection";

export function ConnectionBadge({ check }: { check: ConnectionCheck | null }) {
  const { t } = useI18n();
  if (!check) return <Badge>{t("environments.notChecked")}</Badge>;
  if (check.ok) return <Badge tone="green">{t("environments.connected")}</Badge>;
  if (check.serverVersion) return <Badge tone="amber">{t("environments.missingRights")}</Badge>;
  return <Badge tone="red">{t("environments.failed")}</Badge>;
}

export function ConnectionDetails({ check }: { check: ConnectionCheck }) {
  const { t } = useI18n();
  return (
    <div className="space-y-1 text-sm" data-testid="connection-details">
      {check.serverVersion ? <p>{t("environments.serverVersion", { version: check.serverVersion })}</p> : null}
      {check.error ? (
        <p className="text-red-700">
          <EngineText text={check.error} />
        </p>
      ) : null}
      {check.access.length > 0 ? (
        <>
          <p className="text-slate-500">
            <Msg k="environments.namespaceChecked" values={{ namespace: check.namespace }} />
          </p>
          <ul className="grid grid-cols-2 gap-x-4 font-mono text-xs">
            {check.access.map((a) => (
              <li key={`${a.verb}-${a.resource}`} className={a.allowed ? "text-green-700" : "text-red-700"}>
                <span translate="no">
                  {a.verb} {a.resource}
                </span>
                : {a.allowed ? t("environments.allowed") : t("environments.denied")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
