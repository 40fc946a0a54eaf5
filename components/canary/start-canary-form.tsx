"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { TagPicker, type TagSource } from "@/components/builds/tag-picker";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { CanaryReleaseResult } from "@/lib/services/canary/run-canary-release";

type Ref = { appId: string; environmentId: string };
export type StartCanaryFields = Ref & {
  tag: string;
  headerName: string;
  headerValue: string;
  weight: string;
  replicas: string;
};

const FIELDS = ["tag", "headerName", "headerValue", "weight", "replicas", "environmentId"];

// Start a canary: the image (from the tag picker, or typed), the header testers send, the share
// of everyone else's requests (0-50 %, empty for none) and the canary's replicas.
export function StartCanaryForm({
  appId,
  environmentId,
  start,
  listTags,
}: Ref & {
  start: (input: StartCanaryFields) => Promise<ActionResult<CanaryReleaseResult>>;
  listTags: TagSource;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [tag, setTag] = useState("");
  const starting = useAction(start, { fields: FIELDS });
  return (
    <div className="space-y-3" data-testid="start-canary">
      <TagPicker appId={appId} environmentId={environmentId} source={listTags} onPick={(picked) => setTag(picked)} />
      <form
        noValidate
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          const f = new FormData(event.currentTarget);
          const text = (name: string) => String(f.get(name) ?? "");
          starting.run(
            {
              appId,
              environmentId,
              tag,
              headerName: text("headerName"),
              headerValue: text("headerValue"),
              weight: text("weight"),
              replicas: text("replicas"),
            },
            () => router.refresh(),
          );
        }}
      >
        <Field label={t("canary.start.tag")} htmlFor="canary-tag" error={starting.fields.tag}>
          <Input
            id="canary-tag"
            name="tag"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            invalid={!!starting.fields.tag}
          />
        </Field>
        <Field label={t("canary.start.replicas")} htmlFor="canary-replicas" error={starting.fields.replicas}>
          <Input
            id="canary-replicas"
            name="replicas"
            type="number"
            min={1}
            defaultValue={1}
            invalid={!!starting.fields.replicas}
          />
        </Field>
        <Field label={t("canary.start.headerName")} htmlFor="canary-header-name" error={starting.fields.headerName}>
          <Input
            id="canary-header-name"
            name="headerName"
            defaultValue="X-Canary"
            invalid={!!starting.fields.headerName}
          />
        </Field>
        <Field label={t("canary.start.headerValue")} htmlFor="canary-header-value" error={starting.fields.headerValue}>
          <Input
            id="canary-header-value"
            name="headerValue"
            defaultValue="always"
            invalid={!!starting.fields.headerValue}
          />
        </Field>
        <Field
          label={t("canary.start.weight")}
          htmlFor="canary-weight"
          error={starting.fields.weight}
          hint={t("canary.start.weightHint")}
        >
          <Input id="canary-weight" name="weight" type="number" min={0} max={50} invalid={!!starting.fields.weight} />
        </Field>
        <div className="flex items-end">
          <Button type="submit" disabled={starting.pending}>
            {t("canary.start.submit")}
          </Button>
        </div>
        {starting.fields.environmentId ? (
          <div className="sm:col-span-2">
            <Notice tone="error">{starting.fields.environmentId}</Notice>
          </div>
        ) : null}
        {starting.error ? (
          <div className="sm:col-span-2">
            <Notice tone="error">{starting.error}</Notice>
          </div>
        ) : null}
        {starting.data?.status === "failed" ? (
          <div className="sm:col-span-2">
            <Notice tone="error">{t("canary.start.failed", { number: starting.data.number })}</Notice>
          </div>
        ) : null}
      </form>
    </div>
  );
}
