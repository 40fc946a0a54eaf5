"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AppPicker } from "@/components/apps/app-picker";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Msg } from "@/components/i18n/message-text";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { SEVERITIES } from "@/lib/alerts/severity";
import type { SubscriptionFilter } from "@/lib/alerts/subscription-filter";
import { LOCALES } from "@/lib/i18n/locales";
import type { AppChoice } from "@/lib/services/apps/search-apps";
import type { z } from "zod";
import { CHANNEL_KINDS, type ChannelKind } from "@/lib/validations/choices";
import type { ZSubscriptionSchema } from "@/lib/validations/subscription";

type ChannelDraft = {
  id?: string;
  kind: ChannelKind;
  key: string;
  mentions: string;
  url: string;
  addresses: string;
  secret?: string | null;
};

export type SubscriptionDraft = SubscriptionFilter & {
  id?: string;
  name: string;
  teamId: string | null;
  windowMinutes: number;
  locale: string;
  channels: ChannelDraft[];
};

type SubscriptionInput = z.input<typeof ZSubscriptionSchema>;
type Save = (
  input: SubscriptionInput,
) => Promise<ActionResult<{ id: string; webhookSecrets: { index: number; secret: string }[] }>>;

type Options = {
  // The apps the subscriptions name, to show them by name (the picker searches for others).
  apps: AppChoice[];
  teams: { id: string; name: string }[];
  scopes: { id: string; name: string }[];
  environments: { id: string; label: string }[];
};

const textarea = "block w-full rounded-md px-2.5 py-1.5 font-mono text-sm ring-1 ring-inset ring-slate-300";

// An app the page did not name (gone since): shown by its id, as before.
const unknownApp = (appId: string): AppChoice => ({ id: appId, team: "?", name: appId });

function selected(select: HTMLSelectElement): string[] {
  return Array.from(select.selectedOptions, (option) => option.value);
}

// Create or edit a subscription: filters, the merge window, and its channels (each with what it
// needs: a robot key, a URL from the allow list, addresses). Errors name the field they are about.
export function SubscriptionForm({
  initial,
  options,
  save,
  onDone,
}: {
  initial: SubscriptionDraft;
  options: Options;
  save: Save;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending, fields, error, data } = useAction(save, { fields: INLINE });
  const [draft, setDraft] = useState(initial);
  const [channels, setChannels] = useState<ChannelDraft[]>(initial.channels);
  const prefix = draft.id ?? "new";
  const id = (name: string) => `sub-${prefix}-${name}`;
  const setChannel = (index: number, patch: Partial<ChannelDraft>) =>
    setChannels(channels.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <form
      noValidate
      className="space-y-3"
      data-testid={`subscription-form-${prefix}`}
      onSubmit={(event) => {
        event.preventDefault();
        run(
          {
            ...(draft.id ? { id: draft.id } : {}),
            name: draft.name,
            teamId: draft.teamId ?? "",
            appIds: draft.appIds,
            filterTeamId: draft.filterTeamId ?? "",
            environmentIds: draft.environmentIds,
            minSeverity: draft.minSeverity as SubscriptionInput["minSeverity"],
            alertnames: draft.alertnames.join("\n"),
            matchers: draft.matchers.join("\n"),
            windowMinutes: draft.windowMinutes,
            locale: draft.locale as SubscriptionInput["locale"],
            channels: channels.map(
              (c) =>
                ({
                  kind: c.kind,
                  ...(c.id ? { id: c.id } : {}),
                  ...(c.kind === "wecom_robot" ? { key: c.key, mentions: c.mentions } : {}),
                  ...(c.kind === "webhook" ? { url: c.url } : {}),
                  ...(c.kind === "email" ? { addresses: c.addresses } : {}),
                }) as SubscriptionInput["channels"][number],
            ),
          },
          (result) => {
            router.refresh();
            if (result.webhookSecrets.length === 0) onDone?.();
          },
        );
      }}
    >
      {error ? <Notice tone="error">{error}</Notice> : null}
      {data ? (
        <Notice tone="success" testId="subscription-saved">
          {t("alerts.sub.saved")}
          {data.webhookSecrets.map((s) => (
            <span key={s.index} className="block break-all font-mono">
              {t("alerts.sub.webhookSecret", { secret: s.secret })}
            </span>
          ))}
        </Notice>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        <Field label={t("alerts.sub.name")} htmlFor={id("name")} error={fields.name}>
          <Input
            id={id("name")}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            invalid={Boolean(fields.name)}
          />
        </Field>
        <Field label={t("alerts.sub.scope")} htmlFor={id("scope")} error={fields.teamId}>
          <Select
            id={id("scope")}
            value={draft.teamId ?? ""}
            onChange={(e) => setDraft({ ...draft, teamId: e.target.value || null })}
          >
            <option value="">{t("alerts.sub.scopeMine")}</option>
            {options.scopes.map((team) => (
              <option key={team.id} value={team.id}>
                {t("alerts.sub.scopeTeam", { team: team.name })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("alerts.sub.apps")} htmlFor={id("apps")} error={fields.appIds} hint={t("alerts.sub.appsHint")}>
          <AppPicker
            id={id("apps")}
            multiple
            selected={draft.appIds.map((appId) => options.apps.find((app) => app.id === appId) ?? unknownApp(appId))}
            onChange={(apps) => setDraft({ ...draft, appIds: apps.map((app) => app.id) })}
            team={draft.filterTeamId ?? undefined}
            testId={`sub-${prefix}-apps`}
          />
        </Field>
        <div className="space-y-3">
          <Field label={t("alerts.sub.filterTeam")} htmlFor={id("filter-team")} error={fields.filterTeamId}>
            <Select
              id={id("filter-team")}
              value={draft.filterTeamId ?? ""}
              onChange={(e) => setDraft({ ...draft, filterTeamId: e.target.value || null })}
            >
              <option value="">{t("alerts.sub.anyTeam")}</option>
              {options.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("alerts.sub.minSeverity")} htmlFor={id("severity")} error={fields.minSeverity}>
            <Select
              id={id("severity")}
              value={draft.minSeverity}
              onChange={(e) => setDraft({ ...draft, minSeverity: e.target.value })}
            >
              {SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {severity}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field
          label={t("alerts.sub.environments")}
          htmlFor={id("envs")}
          error={fields.environmentIds}
          hint={t("alerts.sub.environmentsHint")}
        >
          <Select
            id={id("envs")}
            multiple
            size={3}
            value={draft.environmentIds}
            onChange={(e) => setDraft({ ...draft, environmentIds: selected(e.target) })}
          >
            {options.environments.map((env) => (
              <option key={env.id} value={env.id}>
                {env.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t("alerts.sub.window")}
          htmlFor={id("window")}
          error={fields.windowMinutes}
          hint={t("alerts.sub.windowHint")}
        >
          <Input
            id={id("window")}
            type="number"
            min={1}
            value={draft.windowMinutes}
            onChange={(e) => setDraft({ ...draft, windowMinutes: Number(e.target.value) })}
            invalid={Boolean(fields.windowMinutes)}
          />
        </Field>
        <Field
          label={t("alerts.sub.alertnames")}
          htmlFor={id("alertnames")}
          error={fields.alertnames}
          hint={t("alerts.sub.alertnamesHint")}
        >
          <textarea
            id={id("alertnames")}
            rows={2}
            className={textarea}
            value={draft.alertnames.join("\n")}
            onChange={(e) => setDraft({ ...draft, alertnames: e.target.value.split("\n") })}
          />
        </Field>
        <Field
          label={t("alerts.sub.matchers")}
          htmlFor={id("matchers")}
          error={fields.matchers}
          hint={
            <Msg k="alerts.sub.matchersHint" values={{ first: 'cluster="prod-1"', second: 'pod=~"web-.*"' }} code />
          }
        >
          <textarea
            id={id("matchers")}
            rows={2}
            className={textarea}
            value={draft.matchers.join("\n")}
            onChange={(e) => setDraft({ ...draft, matchers: e.target.value.split("\n") })}
          />
        </Field>
        <Field label={t("alerts.sub.locale")} htmlFor={id("locale")}>
          <Select
            id={id("locale")}
            value={draft.locale}
            onChange={(e) => setDraft({ ...draft, locale: e.target.value })}
          >
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {t(`locale.${locale}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("alerts.sub.channels")}</legend>
        {fields.channels ? (
          <p role="alert" className="text-sm text-red-600">
            {fields.channels}
          </p>
        ) : null}
        {channels.map((channel, index) => {
          const cid = (name: string) => id(`channel-${index}-${name}`);
          return (
            <div key={index} className="space-y-2 rounded-md p-3 ring-1 ring-slate-200" data-testid="channel">
              <div className="flex items-center justify-between">
                <span className="text-sm font-medium">{t(`alerts.channel.${channel.kind}`)}</span>
                <Button variant="ghost" onClick={() => setChannels(channels.filter((_, i) => i !== index))}>
                  {t("alerts.sub.removeChannel")}
                </Button>
              </div>
              {channel.kind === "wecom_robot" ? (
                <>
                  <Field
                    label={t("alerts.channel.key")}
                    htmlFor={cid("key")}
                    error={fields[`channels.${index}.key`]}
                    hint={channel.secret ? t("alerts.channel.keyKept", { mask: channel.secret }) : undefined}
                  >
                    <Input
                      id={cid("key")}
                      autoComplete="off"
                      value={channel.key}
                      onChange={(e) => setChannel(index, { key: e.target.value })}
                      invalid={Boolean(fields[`channels.${index}.key`])}
                    />
                  </Field>
                  <Field
                    label={t("alerts.channel.mentions")}
                    htmlFor={cid("mentions")}
                    error={fields[`channels.${index}.mentions`]}
                  >
                    <textarea
                      id={cid("mentions")}
                      rows={1}
                      className={textarea}
                      value={channel.mentions}
                      onChange={(e) => setChannel(index, { mentions: e.target.value })}
                    />
                  </Field>
                </>
              ) : null}
              {channel.kind === "webhook" ? (
                <Field label={t("alerts.channel.url")} htmlFor={cid("url")} error={fields[`channels.${index}.url`]}>
                  <Input
                    id={cid("url")}
                    value={channel.url}
                    onChange={(e) => setChannel(index, { url: e.target.value })}
                    invalid={Boolean(fields[`channels.${index}.url`])}
                  />
                </Field>
              ) : null}
              {channel.kind === "email" ? (
                <Field
                  label={t("alerts.channel.addresses")}
                  htmlFor={cid("addresses")}
                  error={fields[`channels.${index}.addresses`]}
                >
                  <textarea
                    id={cid("addresses")}
                    rows={2}
                    className={textarea}
                    value={channel.addresses}
                    onChange={(e) => setChannel(index, { addresses: e.target.value })}
                  />
                </Field>
              ) : null}
              {channel.kind === "wecom_app" ? (
                <p className="text-xs text-slate-500">{t("alerts.channel.appHint")}</p>
              ) : null}
              {channel.kind === "console" ? (
                <p className="text-xs text-slate-500">{t("alerts.channel.consoleHint")}</p>
              ) : null}
            </div>
          );
        })}
        <div className="flex flex-wrap gap-2">
          {CHANNEL_KINDS.map((kind) => (
            <Button
              key={kind}
              variant="secondary"
              onClick={() => setChannels([...channels, { kind, key: "", mentions: "", url: "", addresses: "" }])}
            >
              + {t(`alerts.channel.${kind}`)}
            </Button>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? t("alerts.sub.saving") : t("alerts.sub.save")}
      </Button>
    </form>
  );
}
