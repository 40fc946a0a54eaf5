"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type Settings = { jenkinsServerId: string; jenkinsJob: string; autoDeployPattern: string };

// The Jenkins job the Build button starts, and which pushed tags deploy by themselves.
export function BuildSettingsForm({
  appId,
  initial,
  servers,
  action,
}: {
  appId: string;
  initial: Settings;
  servers: { id: string; name: string }[];
  action: (input: Settings & { appId: string }) => Promise<ActionResult<void>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending, fields, error, data } = useAction(action, { fields: INLINE });
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run(
          {
            appId,
            jenkinsServerId: String(f.get("jenkinsServerId") ?? ""),
            jenkinsJob: String(f.get("jenkinsJob") ?? ""),
            autoDeployPattern: String(f.get("autoDeployPattern") ?? ""),
          },
          () => router.refresh(),
        );
      }}
    >
      {data !== null ? <Notice tone="success">{t("environments.saved")}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Jenkins" htmlFor="build-jenkins" error={fields.jenkinsServerId}>
          <Select id="build-jenkins" name="jenkinsServerId" defaultValue={initial.jenkinsServerId}>
            <option value="">{t("builds.noJenkins")}</option>
            {servers.map((server) => (
              <option key={server.id} value={server.id}>
                {server.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("builds.job")} htmlFor="build-job" error={fields.jenkinsJob}>
          <Input id="build-job" name="jenkinsJob" defaultValue={initial.jenkinsJob} placeholder="shop/web" />
        </Field>
        <Field
          label={t("builds.pattern")}
          htmlFor="build-pattern"
          error={fields.autoDeployPattern}
          hint={t("builds.patternHint")}
        >
          <Input id="build-pattern" name="autoDeployPattern" defaultValue={initial.autoDeployPattern} />
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}
