"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { DeployResult } from "@/lib/services/releases/deploy-release";
import { ReleaseStatus } from "./release-status";

export type HistoryRow = {
  id: string;
  number: number;
  kind: string;
  status: string;
  image: string | null;
  actorLabel: string;
  approvedByLabel: string | null;
  description: string;
  createdAt: string;
  finishedAt: string | null;
  app?: { id: string; name: string; team: string };
  environment?: { name: string };
};

type RollbackInput = { releaseId: string; appId: string; environmentId: string; description: string };

function duration(from: string, to: string | null): string {
  if (!to) return "";
  const seconds = Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

// Every release, newest first. Any earlier succeeded release can be rolled back to in one
// click (after a confirmation naming it).
export function ReleaseHistory({
  rows,
  currentId,
  environmentId,
  rollback,
  showApp = false,
}: {
  rows: HistoryRow[];
  currentId?: string | null;
  environmentId?: string;
  rollback?: (input: RollbackInput) => Promise<ActionResult<DeployResult>>;
  showApp?: boolean;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const rollingBack = useAction(rollback ?? (async () => ({ ok: false, error: { code: "forbidden", message: "" } })));
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  return (
    <div className="space-y-2">
      {rollingBack.error ? <Notice tone="error">{rollingBack.error}</Notice> : null}
      <Table
        head={[
          "#",
          ...(showApp ? [t("releases.app")] : []),
          t("releases.kind"),
          t("releases.image"),
          t("releases.statusTitle"),
          t("releases.by"),
          t("releases.when"),
          "",
        ]}
      >
        {rows.map((row) => (
          <tr key={row.id} data-testid={`release-row-${row.number}`}>
            <Td>
              <Link href={`/releases/${row.id}`} className="font-medium text-indigo-700 hover:underline">
                #{row.number}
              </Link>
            </Td>
            {showApp && row.app ? (
              <Td>
                <Link href={`/apps/${row.app.id}?env=${row.environment?.name ?? ""}`} className="hover:underline">
                  {row.app.team}/{row.app.name}
                </Link>{" "}
                <span className="text-slate-500">{row.environment?.name}</span>
              </Td>
            ) : null}
            <Td>
              {t(`releases.kind.${row.kind}` as "releases.kind.deploy")}
              {row.description ? <div className="text-xs text-slate-500">{row.description}</div> : null}
            </Td>
            <Td className="font-mono text-xs">{row.image}</Td>
            <Td>
              <ReleaseStatus status={row.status} />
            </Td>
            <Td className="text-xs">
              {row.actorLabel}
              {row.approvedByLabel ? (
                <div className="text-slate-500">{t("releases.approvedBy", { who: row.approvedByLabel })}</div>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap text-xs text-slate-500">
              {time.format(new Date(row.createdAt))}
              <div>{duration(row.createdAt, row.finishedAt)}</div>
            </Td>
            <Td>
              {rollback && environmentId && row.app && row.status === "succeeded" && row.id !== currentId ? (
                confirming === row.id ? (
                  <span className="flex gap-1">
                    <Button
                      variant="danger"
                      disabled={rollingBack.pending}
                      onClick={() =>
                        rollingBack.run(
                          { releaseId: row.id, appId: row.app!.id, environmentId, description: "" },
                          (result) => {
                            if (result.kind === "release") router.push(`/releases/${result.releaseId}`);
                          },
                        )
                      }
                    >
                      {t("releases.rollbackTo", { number: row.number })}
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirming(null)}>
                      {t("common.cancel")}
                    </Button>
                  </span>
                ) : (
                  <Button variant="secondary" onClick={() => setConfirming(row.id)}>
                    {t("releases.rollback")}
                  </Button>
                )
              ) : null}
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
