"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { EngineText } from "@/components/i18n/message-text";
import { Time } from "@/components/i18n/time";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { formatDuration } from "@/lib/i18n/clock";
import type { DeployResult } from "@/lib/services/releases/deploy-release";
import { isFinalStatus } from "@/lib/validations/release-status";
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
  descriptionMessage?: unknown;
  // Rows with the same objects as what runs now have nothing to restore.
  manifestHash?: string;
  createdAt: string;
  startedAt?: string | null;
  finishedAt: string | null;
  app?: { id: string; name: string; team: string };
  environment?: { name: string };
};

type RollbackInput = { releaseId: string; appId: string; environmentId: string; description: string };

// A rollback applies a release's stored objects again. Deploys and rollbacks are what set an
// image and parameters; a scale or restart row holds the same objects as the deploy before it,
// with another replica count or restart time, so rolling back to the deploy says what it means.
const RESTORABLE = new Set(["deploy", "rollback"]);

function Duration({ row }: { row: HistoryRow }) {
  const { t } = useI18n();
  if (!row.finishedAt || !isFinalStatus(row.status)) return null;
  const from = new Date(row.startedAt ?? row.createdAt).getTime();
  const took = formatDuration(new Date(row.finishedAt).getTime() - from, t);
  return <div className="whitespace-nowrap">{t("time.took", { duration: took })}</div>;
}

// Every release, newest first. An earlier deploy or rollback can be rolled back to in one
// click, after a confirmation naming the image it restores.
export function ReleaseHistory({
  rows,
  current,
  environmentId,
  rollback,
  showApp = false,
}: {
  rows: HistoryRow[];
  // What runs now: the last succeeded release.
  current?: { id: string; manifestHash?: string } | null;
  environmentId?: string;
  rollback?: (input: RollbackInput) => Promise<ActionResult<DeployResult>>;
  showApp?: boolean;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const rollingBack = useAction(rollback ?? (async () => ({ ok: false, error: { code: "forbidden", message: "" } })));
  const restores = (row: HistoryRow) =>
    rollback &&
    environmentId &&
    row.app &&
    row.status === "succeeded" &&
    RESTORABLE.has(row.kind) &&
    row.id !== current?.id &&
    (row.manifestHash === undefined || row.manifestHash !== current?.manifestHash);
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
                <Link
                  href={`/apps/${row.app.id}?env=${row.environment?.name ?? ""}`}
                  className="hover:underline"
                  translate="no"
                >
                  {row.app.team}/{row.app.name}
                </Link>{" "}
                <span className="text-slate-500" translate="no">
                  {row.environment?.name}
                </span>
              </Td>
            ) : null}
            <Td>
              <span className="whitespace-nowrap">{t(`releases.kind.${row.kind}` as "releases.kind.deploy")}</span>
              {row.description || row.descriptionMessage ? (
                <div className="text-xs text-slate-500">
                  <EngineText message={row.descriptionMessage} text={row.description} description />
                </div>
              ) : null}
            </Td>
            <Td className="font-mono text-xs break-all">
              <span translate="no">{row.image}</span>
            </Td>
            <Td>
              <ReleaseStatus status={row.status} />
            </Td>
            <Td className="text-xs">
              <span translate="no">{row.actorLabel}</span>
              {row.approvedByLabel ? (
                <div className="text-slate-500">{t("releases.approvedBy", { who: row.approvedByLabel })}</div>
              ) : null}
            </Td>
            <Td className="text-xs text-slate-500">
              <Time value={row.createdAt} />
              <Duration row={row} />
            </Td>
            <Td>
              {restores(row) ? (
                confirming === row.id ? (
                  <span className="flex flex-col items-start gap-1">
                    <span className="text-xs text-slate-600">
                      {t("releases.rollbackRestores", { number: row.number, image: row.image ?? "" })}
                    </span>
                    <span className="flex gap-1">
                      <Button
                        variant="danger"
                        disabled={rollingBack.pending}
                        onClick={() =>
                          rollingBack.run(
                            { releaseId: row.id, appId: row.app!.id, environmentId: environmentId!, description: "" },
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
                  </span>
                ) : (
                  <Button
                    variant="secondary"
                    title={t("releases.rollbackRestores", { number: row.number, image: row.image ?? "" })}
                    onClick={() => setConfirming(row.id)}
                  >
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
