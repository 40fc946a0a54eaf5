"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Notice } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { KubeRevision } from "@/lib/kube/revisions";

// Kubernetes' own history of the Deployment: what `kubectl rollout history` shows.
export function RevisionsTable({ revisions, error }: { revisions: KubeRevision[]; error?: string }) {
  const { t } = useI18n();
  if (error) return <Notice tone="error">{error}</Notice>;
  if (revisions.length === 0) return <p className="text-sm text-slate-500">{t("releases.noRevisions")}</p>;
  return (
    <Table head={[t("releases.revision"), t("releases.image"), t("releases.pods"), t("releases.changeCause")]}>
      {revisions.map((revision) => (
        <tr key={revision.replicaSet} data-testid={`revision-${revision.revision}`}>
          <Td>
            {revision.revision}
            <div className="font-mono text-xs text-slate-500">{revision.replicaSet}</div>
          </Td>
          <Td className="font-mono text-xs">{revision.images.join(", ")}</Td>
          <Td>
            {revision.ready}/{revision.replicas}
          </Td>
          <Td className="text-xs">{revision.changeCause}</Td>
        </tr>
      ))}
    </Table>
  );
}
