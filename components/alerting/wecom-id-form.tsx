"use client";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type Save = (input: { wecomUserId: string }) => Promise<ActionResult<void>>;

// The profile's "bind your WeCom account" field (the seed platform's employee number).
export function WecomIdForm({ initial, save }: { initial: string; save: Save }) {
  const { t } = useI18n();
  const { run, pending, fields, error } = useAction(save, { fields: INLINE });
  const [saved, setSaved] = useState(false);
  return (
    <form
      noValidate
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        run({ wecomUserId: String(new FormData(event.currentTarget).get("wecomUserId") ?? "") }, () => setSaved(true));
      }}
    >
      <div className="flex-1">
        <Field
          label={t("profile.wecomUserId")}
          htmlFor="wecom-user-id"
          error={fields.wecomUserId ?? error ?? undefined}
          hint={t("profile.wecomUserIdHint")}
        >
          <Input id="wecom-user-id" name="wecomUserId" defaultValue={initial} invalid={Boolean(fields.wecomUserId)} />
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("profile.save")}
      </Button>
      {saved ? (
        <Notice tone="success" testId="wecom-saved">
          {t("profile.saved")}
        </Notice>
      ) : null}
    </form>
  );
}
