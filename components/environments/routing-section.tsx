"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { ROUTING_MODES, type RoutingMode } from "@/lib/validations/choices";

export type RoutingValues = {
  id: string;
  routing: RoutingMode;
  gatewayName: string;
  gatewayNamespace: string;
  gatewaySection: string;
  decided: boolean;
};

const GATEWAY_FIELDS = [
  { field: "gatewayName", id: "routing-gateway-name", label: "canary.routing.gatewayName", hint: null },
  {
    field: "gatewayNamespace",
    id: "routing-gateway-namespace",
    label: "canary.routing.gatewayNamespace",
    hint: null,
  },
  {
    field: "gatewaySection",
    id: "routing-gateway-section",
    label: "canary.routing.gatewaySection",
    hint: "canary.routing.gatewaySectionHint",
  },
] as const;

type SaveRouting = (input: {
  id: string;
  routing: RoutingMode;
  gatewayName?: string;
  gatewayNamespace?: string;
  gatewaySection?: string;
}) => Promise<ActionResult<{ routing: RoutingMode }>>;

// How the environment routes HTTP to apps: the Gateway API (with the parent Gateway of the
// apps' HTTPRoutes), ingress-nginx, or none. Detected at the first connection; admins change it.
export function RoutingSection({ action, initial }: { action: SaveRouting; initial: RoutingValues }) {
  const { t } = useI18n();
  const router = useRouter();
  const [mode, setMode] = useState(initial.routing);
  const { run, pending, fields, error, data } = useAction(action, { fields: INLINE });
  return (
    <form
      noValidate
      className="space-y-3"
      data-testid="routing-section"
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        run(
          {
            id: initial.id,
            routing: mode,
            gatewayName: String(f.get("gatewayName") ?? ""),
            gatewayNamespace: String(f.get("gatewayNamespace") ?? ""),
            gatewaySection: String(f.get("gatewaySection") ?? ""),
          },
          () => router.refresh(),
        );
      }}
    >
      <p className="text-sm text-slate-600">
        {initial.decided ? t("canary.routing.hint") : t("canary.routing.undecided")}
      </p>
      {data ? <Notice tone="success">{t("canary.routing.saved")}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label={t("canary.routing.mode")} htmlFor="routing-mode" error={fields.routing}>
        <Select id="routing-mode" value={mode} onChange={(e) => setMode(e.target.value as RoutingMode)}>
          {ROUTING_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`canary.routing.mode.${m}`)}
            </option>
          ))}
        </Select>
      </Field>
      {mode === "gateway_api" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          {GATEWAY_FIELDS.map(({ field, id, label, hint }) => (
            <Field key={field} label={t(label)} htmlFor={id} error={fields[field]} hint={hint ? t(hint) : undefined}>
              <Input id={id} name={field} defaultValue={initial[field]} invalid={Boolean(fields[field])} />
            </Field>
          ))}
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}
