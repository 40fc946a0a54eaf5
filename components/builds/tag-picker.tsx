"use client";
import { useEffect, useState, useTransition } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useStoredMessage } from "@/components/integrations/check-status";
import { Button } from "@/components/ui/button";
import { Badge, Notice } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { TagPicker as Picker } from "@/lib/services/builds/list-image-tags";
import type { TagDigests } from "@/lib/services/builds/lookup-tag-digests";

type Ref = { appId: string; environmentId: string };

// The picker's two server actions: the list, then the digests it did not know.
export type TagSource = {
  list: (input: Ref & { search?: string }) => Promise<ActionResult<Picker>>;
  digests: (input: Ref & { tags: string[] }) => Promise<ActionResult<TagDigests>>;
};

type Digest = TagDigests["digests"][number];

// The tags of the app's repository in this environment's registry, newest first, searchable;
// and, when the environment before this one runs a recorded digest, that image to promote.
// Picking fills the deploy form's tag (a promotion also its digest). The list shows at once;
// digests a plain registry must be asked for fill in as they arrive.
export function TagPicker({
  appId,
  environmentId,
  source,
  onPick,
}: Ref & {
  source: TagSource;
  onPick: (tag: string, digest?: string) => void;
}) {
  const { t } = useI18n();
  const say = useStoredMessage();
  const [search, setSearch] = useState("");
  const [arrived, setArrived] = useState<{ of: Picker; rows: Map<string, Digest> } | null>(null);
  const [asking, startAsking] = useTransition();
  const loading = useAction(source.list);
  const { run } = loading;
  useEffect(() => {
    run({ appId, environmentId });
    // Loaded once per environment; searches run on demand.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [appId, environmentId]);
  const listed = loading.data;
  useEffect(() => {
    if (!listed || listed.pendingDigests.length === 0) return;
    startAsking(async () => {
      const answer = await source.digests({ appId, environmentId, tags: listed.pendingDigests });
      // Digests are a nicety beside the list: a failure leaves them out, the list stays usable.
      if (answer.ok) setArrived({ of: listed, rows: new Map(answer.data.digests.map((row) => [row.tag, row])) });
    });
    // Asked once per list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listed]);
  const rows = arrived && arrived.of === listed ? arrived.rows : null;
  const picker = listed
    ? {
        ...listed,
        tags: listed.tags.map((row) => {
          const found = rows?.get(row.tag);
          return found ? { ...row, digest: found.digest, scan: row.scan ?? found.scan } : row;
        }),
      }
    : null;
  const waiting = new Set(asking && listed ? listed.pendingDigests : []);
  return (
    <div className="space-y-2" data-testid="tag-picker">
      {picker?.promotion ? (
        <Notice testId="promotion">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span>
              {t("builds.promotion", {
                env: picker.promotion.environmentName,
                tag: picker.promotion.tag,
                digest: picker.promotion.digest.slice(7, 19),
              })}
            </span>
            <Button variant="secondary" onClick={() => onPick(picker.promotion!.tag, picker.promotion!.digest)}>
              {t("builds.promote")}
            </Button>
          </div>
        </Notice>
      ) : null}
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          run({ appId, environmentId, search: search.trim() });
        }}
      >
        <Input
          aria-label={t("builds.searchTags")}
          placeholder={t("builds.searchTags")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={loading.pending}>
          {t("builds.search")}
        </Button>
      </form>
      {loading.error ? <Notice tone="error">{loading.error}</Notice> : null}
      {picker?.error ? <Notice tone="error">{say(picker.error)}</Notice> : null}
      {picker && !picker.registry ? <p className="text-xs text-slate-500">{t("builds.noRegistryHere")}</p> : null}
      {picker?.registry && picker.tags.length === 0 && !picker.error ? (
        <p className="text-xs text-slate-500">{t("builds.noTags", { registry: picker.registry })}</p>
      ) : null}
      {picker && picker.tags.length > 0 ? (
        <ul className="max-h-64 divide-y divide-slate-100 overflow-auto rounded-md ring-1 ring-slate-200">
          {picker.tags.map((row) => (
            <li key={`${row.tag}@${row.digest ?? ""}`} className="flex items-center hover:bg-indigo-50">
              <button
                type="button"
                data-testid={`tag-${row.tag}`}
                onClick={() => onPick(row.tag)}
                className="flex flex-1 flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5 text-left text-sm"
              >
                <span className="font-mono font-medium">{row.tag}</span>
                {row.digest ? (
                  <span className="font-mono text-xs text-slate-400" data-testid="tag-digest">
                    {row.digest.slice(7, 19)}
                  </span>
                ) : waiting.has(row.tag) ? (
                  <span className="text-xs text-slate-400" aria-busy="true">
                    {t("builds.digestPending")}
                  </span>
                ) : null}
                {row.pushedAt ? (
                  <span className="text-xs text-slate-500">
                    <LocalTime iso={row.pushedAt} />
                    {row.pushedBy ? ` · ${row.pushedBy}` : ""}
                  </span>
                ) : null}
                {row.scan ? (
                  <span className="flex gap-1">
                    <Badge tone={row.scan.critical > 0 ? "red" : "slate"}>
                      {t("builds.critical", { count: row.scan.critical })}
                    </Badge>
                    <Badge tone={row.scan.high > 0 ? "amber" : "slate"}>
                      {t("builds.high", { count: row.scan.high })}
                    </Badge>
                  </span>
                ) : null}
              </button>
              {row.build ? (
                <a
                  href={row.build.url ?? undefined}
                  target="_blank"
                  rel="noreferrer"
                  className="shrink-0 px-3 text-xs text-indigo-700 hover:underline"
                >
                  {t("builds.fromBuild", {
                    number: row.build.number ?? "",
                    commit: row.build.commit?.slice(0, 8) ?? "",
                    branch: row.build.branch ?? "",
                  })}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
