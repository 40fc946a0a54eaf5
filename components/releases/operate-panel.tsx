"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { DeployResult } from "@/lib/services/releases/deploy-release";

type Ref = { appId: string; environmentId: string };
type Started = ActionResult<DeployResult>;

// Replica count (ops and admins) or the autoscaler's bounds when the app autoscales; restart
// for everyone who may deploy. Each starts a release and opens its page.
export function OperatePanel({
  appId,
  environmentId,
  maxReplicas,
  autoscaling,
  replicas,
  mayScale,
  mayRestart,
  scale,
  restart,
}: Ref & {
  maxReplicas: number;
  autoscaling: { min: number; max: number } | null;
  replicas: number | null;
  mayScale: boolean;
  mayRestart: boolean;
  scale: (input: Ref & { replicas?: number; min?: number; max?: number }) => Promise<Started>;
  restart: (input: Ref) => Promise<Started>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const scaling = useAction(scale, { fields: ["replicas", "min", "max"] });
  const restarting = useAction(restart);
  const [confirmRestart, setConfirmRestart] = useState(false);
  const open = (result: DeployResult) => {
    if (result.kind === "release") router.push(`/releases/${result.releaseId}`);
  };
  return (
    <div className="space-y-3">
      {mayScale ? (
        <form
          noValidate
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const f = new FormData(event.currentTarget);
            if (autoscaling)
              scaling.run({ appId, environmentId, min: Number(f.get("min")), max: Number(f.get("max")) }, open);
            else scaling.run({ appId, environmentId, replicas: Number(f.get("replicas")) }, open);
          }}
        >
          {autoscaling ? (
            <>
              <Field label={t("releases.minReplicas")} htmlFor="scale-min" error={scaling.fields.min}>
                <Input
                  id="scale-min"
                  name="min"
                  type="number"
                  min={1}
                  max={maxReplicas}
                  defaultValue={autoscaling.min}
                  className="w-24"
                />
              </Field>
              <Field label={t("releases.maxReplicas")} htmlFor="scale-max" error={scaling.fields.max}>
                <Input
                  id="scale-max"
                  name="max"
                  type="number"
                  min={1}
                  max={maxReplicas}
                  defaultValue={autoscaling.max}
                  className="w-24"
                />
              </Field>
            </>
          ) : (
            <Field
              label={t("releases.replicas")}
              htmlFor="scale-replicas"
              error={scaling.fields.replicas}
              hint={t("releases.replicasHint", { max: maxReplicas })}
            >
              <Input
                id="scale-replicas"
                name="replicas"
                type="number"
                min={0}
                max={maxReplicas}
                defaultValue={replicas ?? 1}
                className="w-24"
                invalid={Boolean(scaling.fields.replicas)}
              />
            </Field>
          )}
          <Button type="submit" variant="secondary" disabled={scaling.pending}>
            {autoscaling ? t("releases.setAutoscaling") : t("releases.scale")}
          </Button>
        </form>
      ) : null}
      {scaling.error ? <Notice tone="error">{scaling.error}</Notice> : null}
      {mayRestart ? (
        confirmRestart ? (
          <div className="flex items-center gap-2 text-sm">
            {t("releases.restartConfirm")}
            <Button
              variant="danger"
              disabled={restarting.pending}
              onClick={() => restarting.run({ appId, environmentId }, open)}
            >
              {t("releases.restart")}
            </Button>
            <Button variant="ghost" onClick={() => setConfirmRestart(false)}>
              {t("common.cancel")}
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirmRestart(true)}>
            {t("releases.restart")}
          </Button>
        )
      ) : null}
      {restarting.error ? <Notice tone="error">{restarting.error}</Notice> : null}
    </div>
  );
}
