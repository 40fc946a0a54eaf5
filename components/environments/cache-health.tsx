import { Time } from "@/components/i18n/time";
import { Badge } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { Translate } from "@/lib/i18n/locales";
import type { EnvironmentCaches } from "@/lib/services/environments/environment-caches";

// The environment's watch caches in this process: an unsynced cache says so (its objects may be
// stale), with the last error; then the Kubernetes requests sent per verb.
export function CacheHealth({ data, t }: { data: EnvironmentCaches; t: Translate }) {
  return (
    <div className="space-y-3" data-testid="cache-health">
      {data.caches.length === 0 ? (
        <p className="text-sm text-slate-500">{t("caches.none")}</p>
      ) : (
        <Table
          head={[
            t("caches.namespace"),
            t("caches.kind"),
            t("caches.state"),
            t("caches.objects"),
            t("caches.lastEvent"),
            t("caches.restarts"),
          ]}
        >
          {data.caches.map((cache) => (
            <tr key={`${cache.namespace}/${cache.kind}`} data-testid={`cache-${cache.namespace}-${cache.kind}`}>
              <Td className="font-mono text-xs">
                <span translate="no">{cache.namespace}</span>
              </Td>
              <Td className="font-mono text-xs">
                <span translate="no">{cache.kind}</span>
              </Td>
              <Td>
                <span data-synced={cache.synced ? "yes" : "no"}>
                  <Badge tone={cache.synced ? "green" : "amber"}>
                    {cache.synced ? t("caches.synced") : t("caches.unsynced")}
                  </Badge>
                </span>
                {!cache.synced && cache.lastError ? (
                  <div className="mt-1 text-xs text-red-700">
                    <span translate="no">{cache.lastError}</span>
                  </div>
                ) : null}
              </Td>
              <Td>{cache.objects}</Td>
              <Td>{cache.lastEventAt ? <Time value={cache.lastEventAt.toISOString()} /> : "—"}</Td>
              <Td>{t("caches.restartCount", { restarts: cache.restarts, relists: cache.relists })}</Td>
            </tr>
          ))}
        </Table>
      )}
      <p
        className="text-xs text-slate-500"
        data-testid="kube-requests"
        data-total={data.requests.reduce((sum, entry) => sum + entry.count, 0)}
      >
        {t("caches.requests")}{" "}
        <span translate="no">
          {data.requests.length === 0 ? "—" : data.requests.map((entry) => `${entry.verb} ${entry.count}`).join(" · ")}
        </span>
      </p>
    </div>
  );
}
