"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

export type RequestRow = {
  id: string;
  tag: string;
  description: string;
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
        {t("releases.requestLine", {
          who: request.requestedByLabel,
          app: `${request.app.team}/${request.app.name}`,
          tag: request.tag,
          env: request.environment.name,
        })}
        {request.description ? <span className="text-slate-500"> · {request.description}</span> : null}
      </p>
      {decide ? (
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
