"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { UnsyncedNotice } from "@/components/observe/unsynced-notice";
import { Table, Td } from "@/components/ui/table";
import type { KubeRevision } from "@/lib/kube/revisions";
import type { CachedRead } from "@/lib/services/observe/read-caches";

// Kubernetes' own history of the Deployment: what `kubectl rollout history` shows.
export function RevisionsTable({ read }: { read: CachedRead<KubeRevision[]> }) {
  const { t } = useI18n();
  if (!read.ok) return <UnsyncedNotice error={read.error} />;
  const revisions = read.value;
  if (revisions.length === 0) return <p className="text-sm text-slate-500">{t("releases.noRevisions")}</p>;
  return (
    <Table head={[t("releases.revision"), t("releases.image"), t("releases.pods"), t("releases.changeCause")]}>
      {revisions.map((revision) => (
        <tr key={revision.replicaSet} data-testid={`revision-${revision.revision}`}>
          <Td>
            {revision.revision}
            <div className="font-mono text-xs text-slate-500" translate="no">
              {revision.replicaSet}
            </div>
          </Td>
          <Td className="font-mono text-xs">
            <span translate="no">{revision.images.join(", ")}</span>
          </Td>
          <Td>
            {revision.ready}/{revision.replicas}
          </Td>
          {/* Kubernetes carries the change-cause in English, for kubectl rollout history. */}
          <Td className="text-xs">
            <span translate="no" lang="en">
              {revision.changeCause}
            </span>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
