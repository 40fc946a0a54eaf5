"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { EngineText, MessageText, Msg } from "@/components/i18n/message-text";
import { Time } from "@/components/i18n/time";
import { ObjectChanges } from "@/components/releases/object-changes";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { isStoredMessage } from "@/lib/i18n/stored-message";
import type { ObjectChange } from "@/lib/services/releases/preview-deploy";

// The diff a request captured (request-deploy.ts); null for requests made before it did.
type CapturedDiff = { changes: ObjectChange[]; clusterError?: string } | null;

export type RequestRow = {
  id: string;
  status: "pending" | "approved" | "rejected" | "stale";
  diff: unknown;
  tag: string;
  description: string;
  // Set when Slipway wrote the description (a rollback after an alert, a canary's promotion).
  descriptionMessage?: unknown;
  requestedByLabel: string;
  createdAt: string;
  app: { id: string; name: string; team: string };
  environment: { name: string };
};

type Decide = (input: {
  requestId: string;
  decision: "approve" | "reject";
  comment: string;
}) => Promise<ActionResult<{ status: "approved" | "rejected"; release?: { kind: string; releaseId?: string } }>>;

// What the approval would ship, as captured when the request was made.
function CapturedChanges({ diff }: { diff: CapturedDiff }) {
  const { t } = useI18n();
  if (!diff) return <Notice tone="error">{t("approvals.noSnapshot")}</Notice>;
  return (
    <div className="space-y-2" data-testid="request-diff">
      <p className="text-xs font-medium text-slate-600">{t("approvals.whatShips")}</p>
      {diff.clusterError ? (
        <Notice tone="error">
          <EngineText text={diff.clusterError} />
        </Notice>
      ) : null}
      {diff.changes.every((change) => change.change === "unchanged") ? (
        <p className="text-sm text-slate-500">{t("approvals.noChanges")}</p>
      ) : (
        <ObjectChanges changes={diff.changes} />
      )}
    </div>
  );
}

function RequestItem({ request, decide }: { request: RequestRow; decide?: Decide }) {
  const { t } = useI18n();
  const router = useRouter();
  const [comment, setComment] = useState("");
  const deciding = useAction(decide ?? (async () => ({ ok: false, error: { code: "forbidden", message: "" } })));
  const run = (decision: "approve" | "reject") =>
    deciding.run({ requestId: request.id, decision, comment }, (result) => {
      if (result.release?.releaseId) router.push(`/releases/${result.release.releaseId}`);
      else router.refresh();
    });
  return (
    <li className="space-y-2 py-3" data-testid="release-request">
      <p className="text-sm">
        <Msg
          k="releases.requestLine"
          values={{
            who: request.requestedByLabel,
            app: `${request.app.team}/${request.app.name}`,
            tag: request.tag,
            env: request.environment.name,
          }}
        />
      </p>
      <p className="flex flex-wrap gap-x-3 text-xs text-slate-500">
        <span>
          <Time value={request.createdAt} />
        </span>
        {isStoredMessage(request.descriptionMessage) ? (
          <span className="text-slate-700" data-testid="request-description">
            <MessageText message={request.descriptionMessage} />
          </span>
        ) : request.description ? (
          // The requester's own words, shown as written.
          <span className="text-slate-700" data-testid="request-description" translate="no">
            {request.description}
          </span>
        ) : (
          <span>{t("releases.noDescription")}</span>
        )}
      </p>
      <CapturedChanges diff={request.diff as CapturedDiff} />
      {request.status === "stale" ? (
        <Notice tone="error" testId="request-stale">
          <p className="font-medium">{t("approvals.staleBadge")}</p>
          <p>{t("approvals.stale")}</p>
        </Notice>
      ) : decide ? (
        <div className="flex flex-wrap items-center gap-2">
          <Input
            aria-label={t("releases.comment")}
            placeholder={t("releases.comment")}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            className="max-w-sm"
          />
          <Button disabled={deciding.pending} onClick={() => run("approve")}>
            {t("releases.approve")}
          </Button>
          <Button variant="danger" disabled={deciding.pending} onClick={() => run("reject")}>
            {t("releases.reject")}
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-500">{t("releases.waitingApproval")}</p>
      )}
      {deciding.error ? <Notice tone="error">{deciding.error}</Notice> : null}
    </li>
  );
}

// Deploys to protected environments waiting for ops or an admin.
export function RequestList({ requests, decide }: { requests: RequestRow[]; decide?: Decide }) {
  return (
    <ul className="divide-y divide-slate-100">
      {requests.map((request) => (
        <RequestItem key={request.id} request={request} {...(decide ? { decide } : {})} />
      ))}
    </ul>
  );
}
