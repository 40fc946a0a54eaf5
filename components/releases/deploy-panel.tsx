"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TagPicker, type TagSource } from "@/components/builds/tag-picker";
import { useI18n } from "@/components/i18n/i18n-provider";
import { ObjectChanges } from "@/components/releases/object-changes";
import { EngineText, Msg } from "@/components/i18n/message-text";
import { DriftList } from "@/components/releases/drift-list";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { DeployPreview } from "@/lib/services/releases/preview-deploy";
import type { DeployResult } from "@/lib/services/releases/deploy-release";

type Ref = { appId: string; environmentId: string };

// Deploy: an image tag (picked from the registry, promoted from the environment before, or
// typed), then what would change in the cluster (object by object, with fields other managers
// own), then the confirmation. A developer's deploy to a protected environment is sent as a
// request for approval.
export function DeployPanel({
  appId,
  environmentId,
  repository,
  preview,
  deploy,
  listTags,
}: Ref & {
  repository: string;
  preview: (input: Ref & { tag: string; digest?: string }) => Promise<ActionResult<DeployPreview>>;
  deploy: (
    input: Ref & { tag: string; digest?: string; description: string; takeOver: boolean },
  ) => Promise<ActionResult<DeployResult>>;
  listTags: TagSource;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [tag, setTag] = useState("");
  // Set by a promotion: the deploy is refused unless the registry has exactly this digest.
  const [digest, setDigest] = useState<string | undefined>();
  const [previewed, setPreviewed] = useState("");
  const [description, setDescription] = useState("");
  const [takeOver, setTakeOver] = useState(false);
  const previewing = useAction(preview, { fields: ["tag"] });
  const deploying = useAction(deploy, { fields: ["tag", "description"] });
  const shown = previewing.data;
  const current = shown && tag.trim() && previewed === `${tag.trim()}@${digest ?? ""}` ? shown : null;

  return (
    <div className="space-y-3">
      <TagPicker
        appId={appId}
        environmentId={environmentId}
        source={listTags}
        onPick={(picked, pickedDigest) => {
          setTag(picked);
          setDigest(pickedDigest);
        }}
      />
      <form
        noValidate
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          setTakeOver(false);
          setPreviewed(`${tag.trim()}@${digest ?? ""}`);
          previewing.run({ appId, environmentId, tag: tag.trim(), ...(digest ? { digest } : {}) });
        }}
      >
        <div className="grid gap-3 sm:grid-cols-[1fr_2fr]">
          <Field label={t("releases.tag")} htmlFor="deploy-tag" error={previewing.fields.tag ?? deploying.fields.tag}>
            <Input
              id="deploy-tag"
              value={tag}
              onChange={(e) => {
                setTag(e.target.value);
                setDigest(undefined);
              }}
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
        <p className="font-mono text-xs text-slate-500" data-testid="deploy-image">
          {repository}:{tag.trim() || "…"}
          {digest ? `@${digest}` : ""}
        </p>
        <Button type="submit" variant="secondary" disabled={previewing.pending || !tag.trim()}>
          {previewing.pending ? t("releases.previewing") : t("releases.preview")}
        </Button>
        {previewing.error ? <Notice tone="error">{previewing.error}</Notice> : null}
        {current ? (
          <div className="space-y-3" data-testid="deploy-preview">
            {current.clusterError ? (
              <Notice tone="error">
                <EngineText text={current.clusterError} />
              </Notice>
            ) : null}
            <ObjectChanges changes={current.changes} />
            {current.drift && current.drift.items.length > 0 ? <DriftList drift={current.drift} preview /> : null}
            {current.conflicts.length > 0 ? (
              <Notice tone="error" testId="deploy-conflicts">
                <p className="font-medium">
                  <Msg k="releases.conflictsTitle" values={{ command: "kubectl edit" }} code />
                </p>
                <ul className="mt-1 list-disc pl-5">
                  {current.conflicts.map((conflict) => (
                    <li key={`${conflict.kind}/${conflict.name}/${conflict.field}`}>
                      <Msg
                        k="releases.conflict"
                        values={{
                          object: `${conflict.kind}/${conflict.name}`,
                          field: conflict.field,
                          manager: conflict.manager,
                        }}
                      />
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
                  deploying.run(
                    { appId, environmentId, tag: tag.trim(), ...(digest ? { digest } : {}), description, takeOver },
                    (result) => {
                      if (result.kind === "release") router.push(`/releases/${result.releaseId}`);
                      else router.refresh();
                    },
                  )
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
    </div>
  );
}
