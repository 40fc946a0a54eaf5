"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { DiffView } from "@/components/templates/diff-view";
import { Button } from "@/components/ui/button";
import { Badge, Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { DeployPreview } from "@/lib/services/releases/preview-deploy";
import type { DeployResult } from "@/lib/services/releases/deploy-release";

type Ref = { appId: string; environmentId: string };

const CHANGE_TONES = { create: "green", update: "amber", unchanged: "slate", delete: "red" } as const;

// Deploy: an image tag, then what would change in the cluster (object by object, with fields
// other managers own), then the confirmation. A developer's deploy to a protected environment
// is sent as a request for approval.
export function DeployPanel({
  appId,
  environmentId,
  repository,
  preview,
  deploy,
}: Ref & {
  repository: string;
  preview: (input: Ref & { tag: string }) => Promise<ActionResult<DeployPreview>>;
  deploy: (input: Ref & { tag: string; description: string; takeOver: boolean }) => Promise<ActionResult<DeployResult>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [tag, setTag] = useState("");
  const [description, setDescription] = useState("");
  const [takeOver, setTakeOver] = useState(false);
  const previewing = useAction(preview);
  const deploying = useAction(deploy);
  const shown = previewing.data;
  const current = shown && tag.trim() && shown.image.endsWith(`:${tag.trim()}`) ? shown : null;

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        setTakeOver(false);
        previewing.run({ appId, environmentId, tag: tag.trim() });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-[1fr_2fr]">
        <Field label={t("releases.tag")} htmlFor="deploy-tag" error={previewing.fields.tag ?? deploying.fields.tag}>
          <Input
            id="deploy-tag"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            placeholder="1.4.2"
            autoComplete="off"
            invalid={Boolean(previewing.fields.tag ?? deploying.fields.tag)}
          />
        </Field>
        <Field label={t("releases.description")} htmlFor="deploy-description" error={deploying.fields.description}>
          <Input
            id="deploy-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder={t("releases.descriptionHint")}
          />
        </Field>
      </div>
      <p className="font-mono text-xs text-slate-500">
        {repository}:{tag.trim() || "…"}
      </p>
      <Button type="submit" variant="secondary" disabled={previewing.pending || !tag.trim()}>
        {previewing.pending ? t("releases.previewing") : t("releases.preview")}
      </Button>
      {previewing.error ? <Notice tone="error">{previewing.error}</Notice> : null}
      {current ? (
        <div className="space-y-3" data-testid="deploy-preview">
          {current.clusterError ? <Notice tone="error">{current.clusterError}</Notice> : null}
          <ul className="space-y-2">
            {current.changes.map((change) => (
              <li key={`${change.kind}/${change.name}`}>
                <details open={change.change !== "unchanged" && change.diff.length < 80}>
                  <summary className="cursor-pointer text-sm">
                    <Badge tone={CHANGE_TONES[change.change]}>{t(`releases.change.${change.change}`)}</Badge>{" "}
                    <span className="font-mono">
                      {change.kind}/{change.name}
                    </span>
                  </summary>
                  {change.error ? <Notice tone="error">{change.error}</Notice> : null}
                  {change.diff.length > 0 && change.change !== "unchanged" ? (
                    <div className="mt-1">
                      <DiffView lines={change.diff} testId={`diff-${change.kind}-${change.name}`} />
                    </div>
                  ) : null}
                </details>
              </li>
            ))}
          </ul>
          {current.conflicts.length > 0 ? (
            <Notice tone="error" testId="deploy-conflicts">
              <p className="font-medium">{t("releases.conflictsTitle")}</p>
              <ul className="mt-1 list-disc pl-5">
                {current.conflicts.map((conflict) => (
                  <li key={`${conflict.kind}/${conflict.name}/${conflict.field}`}>
                    {t("releases.conflict", {
                      object: `${conflict.kind}/${conflict.name}`,
                      field: conflict.field,
                      manager: conflict.manager,
                    })}
                  </li>
                ))}
              </ul>
              <label className="mt-2 flex items-center gap-2">
                <input type="checkbox" checked={takeOver} onChange={(e) => setTakeOver(e.target.checked)} />
                {t("releases.takeOver")}
              </label>
            </Notice>
          ) : null}
          {deploying.error ? <Notice tone="error">{deploying.error}</Notice> : null}
          {deploying.data?.kind === "request" ? (
            <Notice tone="success">{t("releases.requested")}</Notice>
          ) : (
            <Button
              disabled={
                deploying.pending || (current.conflicts.length > 0 && !takeOver) || Boolean(current.clusterError)
              }
              onClick={() =>
                deploying.run({ appId, environmentId, tag: tag.trim(), description, takeOver }, (result) => {
                  if (result.kind === "release") router.push(`/releases/${result.releaseId}`);
                  else router.refresh();
                })
              }
            >
              {deploying.pending
                ? t("releases.deploying")
                : current.mode === "request"
                  ? t("releases.requestDeploy")
                  : t("releases.deploy", { image: current.image })}
            </Button>
          )}
        </div>
      ) : null}
    </form>
  );
}
