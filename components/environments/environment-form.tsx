"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Msg } from "@/components/i18n/message-text";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { CodeTextarea, Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ConnectionCheck } from "@/lib/kube/check-connection";
import { ConnectionDetails } from "./connection-status";

export type EnvironmentFormValues = {
  id?: string;
  name: string;
  displayName: string;
  protected: boolean;
  position: number;
  clusterMode: "kubeconfig" | "in_cluster";
  namespacePattern: string;
  registryId: string;
  autoDeploy: boolean;
  refuseCritical: boolean;
  maxReplicas: number;
  autoRollback: boolean;
  stored: { server: string | null; context: string | null } | null;
};

type SaveEnvironment = (input: {
  id?: string;
  name: string;
  displayName: string;
  protected: boolean;
  position: number;
  clusterMode: "kubeconfig" | "in_cluster";
  kubeconfig?: string;
  namespacePattern: string;
  registryId?: string;
  autoDeploy: boolean;
  refuseCritical: boolean;
  maxReplicas: number;
  autoRollback: boolean;
  saveUnverified: boolean;
}) => Promise<ActionResult<{ id: string; check: ConnectionCheck | null }>>;

export type RegistryChoice = { id: string; name: string; host: string };

export function EnvironmentForm({
  action,
  initial,
  registries,
}: {
  action: SaveEnvironment;
  initial: EnvironmentFormValues;
  registries: RegistryChoice[];
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [mode, setMode] = useState(initial.clusterMode);
  const [kubeconfig, setKubeconfig] = useState("");
  const { run, pending, fields, error, data } = useAction(action, {
    fields: [
      "name",
      "displayName",
      "position",
      "kubeconfig",
      "namespacePattern",
      "imageRegistry",
      "grafanaBaseUrl",
      "maxReplicas",
    ],
  });
  const prefix = initial.id ? "edit-env" : "new-env";

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run(
          {
            id: initial.id,
            name: String(f.get("name") ?? ""),
            displayName: String(f.get("displayName") ?? ""),
            protected: f.get("protected") === "on",
            position: Number(f.get("position") ?? 0),
            clusterMode: mode,
            kubeconfig: mode === "kubeconfig" ? kubeconfig : undefined,
            namespacePattern: String(f.get("namespacePattern") ?? ""),
            registryId: String(f.get("registryId") ?? ""),
            autoDeploy: f.get("autoDeploy") === "on",
            refuseCritical: f.get("refuseCritical") === "on",
            maxReplicas: Number(f.get("maxReplicas") ?? 50),
            autoRollback: f.get("autoRollback") === "on",
            saveUnverified: f.get("saveUnverified") === "on",
          },
          (saved) => {
            setKubeconfig("");
            if (!initial.id) router.push(`/settings/environments/${saved.id}`);
            else router.refresh();
          },
        );
      }}
    >
      {data ? <Notice tone="success">{t("environments.saved")}</Notice> : null}
      {data?.check ? <ConnectionDetails check={data.check} /> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_80px]">
        <Field label={t("environments.name")} htmlFor={`${prefix}-name`} error={fields.name}>
          <Input id={`${prefix}-name`} name="name" defaultValue={initial.name} invalid={Boolean(fields.name)} />
        </Field>
        <Field label={t("environments.displayName")} htmlFor={`${prefix}-display`} error={fields.displayName}>
          <Input id={`${prefix}-display`} name="displayName" defaultValue={initial.displayName} />
        </Field>
        <Field label={t("environments.position")} htmlFor={`${prefix}-position`} error={fields.position}>
          <Input id={`${prefix}-position`} name="position" type="number" min={0} defaultValue={initial.position} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="protected" defaultChecked={initial.protected} />
        {t("environments.protected")}
      </label>
      <Field label={t("environments.clusterMode")} htmlFor={`${prefix}-mode`}>
        <Select id={`${prefix}-mode`} value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <option value="kubeconfig">{t("environments.mode.kubeconfig")}</option>
          <option value="in_cluster">{t("environments.mode.in_cluster")}</option>
        </Select>
      </Field>
      {mode === "kubeconfig" ? (
        <Field
          label={t("environments.kubeconfig")}
          htmlFor={`${prefix}-kubeconfig`}
          error={fields.kubeconfig}
          hint={
            initial.stored?.server ? (
              <Msg
                k="environments.kubeconfigStored"
                values={{ server: initial.stored.server, context: initial.stored.context ?? "" }}
              />
            ) : (
              t("environments.kubeconfigHint")
            )
          }
        >
          <CodeTextarea
            id={`${prefix}-kubeconfig`}
            value={kubeconfig}
            onChange={(e) => setKubeconfig(e.target.value)}
            rows={6}
            autoComplete="off"
            invalid={Boolean(fields.kubeconfig)}
          />
          <label className="mt-1 flex items-center gap-2 text-xs text-slate-500">
            {t("environments.kubeconfigFile")}
            <input
              type="file"
              data-testid={`${prefix}-kubeconfig-file`}
              accept=".yaml,.yml,.conf,.config,text/plain"
              onChange={(e) => void e.target.files?.[0]?.text().then(setKubeconfig)}
            />
          </label>
        </Field>
      ) : null}
      <Field
        label={t("environments.namespacePattern")}
        htmlFor={`${prefix}-ns`}
        error={fields.namespacePattern}
        hint={t("environments.namespaceHint")}
      >
        <Input
          id={`${prefix}-ns`}
          name="namespacePattern"
          defaultValue={initial.namespacePattern}
          invalid={Boolean(fields.namespacePattern)}
        />
      </Field>
      <Field
        label={t("environments.imageRegistry")}
        htmlFor={`${prefix}-registry`}
        error={fields.registryId}
        hint={t("builds.registryHint")}
      >
        <Select id={`${prefix}-registry`} name="registryId" defaultValue={initial.registryId}>
          <option value="">{t("builds.noRegistry")}</option>
          {registries.map((registry) => (
            <option key={registry.id} value={registry.id}>
              {registry.name} ({registry.host})
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid items-end gap-3 sm:grid-cols-2">
        <Field
          label={t("environments.maxReplicas")}
          htmlFor={`${prefix}-max-replicas`}
          error={fields.maxReplicas}
          hint={t("environments.maxReplicasHint")}
        >
          <Input
            id={`${prefix}-max-replicas`}
            name="maxReplicas"
            type="number"
            min={1}
            defaultValue={initial.maxReplicas}
            invalid={Boolean(fields.maxReplicas)}
          />
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="autoRollback" defaultChecked={initial.autoRollback} />
          {t("environments.autoRollback")}
        </label>
      </div>
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="autoDeploy" defaultChecked={initial.autoDeploy} />
          {t("builds.autoDeploy")}
        </label>
        {fields.autoDeploy ? (
          <p role="alert" className="text-sm text-red-600">
            {fields.autoDeploy}
          </p>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="refuseCritical" defaultChecked={initial.refuseCritical} />
          {t("builds.refuseCritical")}
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="saveUnverified" />
        {t("environments.saveUnverified")}
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}
