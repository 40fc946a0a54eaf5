"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Badge, Notice } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td } from "@/components/ui/table";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { BuildView } from "@/lib/services/builds/list-app-builds";

// A build as the page passes it: times as ISO strings.
export type BuildRow = Omit<BuildView, "createdAt" | "finishedAt"> & { createdAt: string };

const TONES: Record<string, "green" | "amber" | "red" | "slate"> = {
  queued: "slate",
  running: "amber",
  succeeded: "green",
  unstable: "amber",
  failed: "red",
  aborted: "slate",
  not_built: "slate",
  cancelled: "slate",
  lost: "red",
};

// The app's Jenkins builds and, for the team's developers, the Build button.
export function BuildPanel({
  appId,
  builds,
  trigger,
}: {
  appId: string;
  builds: BuildRow[];
  trigger?: (input: {
    appId: string;
    branch?: string;
  }) => Promise<ActionResult<{ buildId: string; duplicate: boolean }>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [branch, setBranch] = useState("");
  const building = useAction(trigger ?? (async () => ({ ok: false, error: { code: "forbidden", message: "" } })), {
    fields: ["branch"],
  });
  return (
    <div className="space-y-3">
      {trigger ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            building.run({ appId, branch: branch.trim() }, () => router.refresh());
          }}
        >
          <label className="text-sm">
            <span className="block text-slate-600">{t("builds.branch")}</span>
            <Input
              id="build-branch"
              value={branch}
              onChange={(e) => setBranch(e.target.value)}
              placeholder="main"
              invalid={Boolean(building.fields.branch)}
            />
          </label>
          <Button type="submit" disabled={building.pending}>
            {building.pending ? t("builds.starting") : t("builds.build")}
          </Button>
        </form>
      ) : null}
      {building.fields.branch ? <Notice tone="error">{building.fields.branch}</Notice> : null}
      {building.error ? <Notice tone="error">{building.error}</Notice> : null}
      {building.data?.duplicate ? <Notice>{t("builds.alreadyQueued")}</Notice> : null}
      {builds.length === 0 ? (
        <p className="text-sm text-slate-500">{t("builds.none")}</p>
      ) : (
        <Table
          head={[
            "#",
            t("releases.statusTitle"),
            t("builds.commit"),
            t("integrations.image"),
            t("releases.by"),
            t("releases.when"),
          ]}
        >
          {builds.map((build) => (
            <tr key={build.id} data-testid="build-row">
              <Td>
                {build.buildUrl ? (
                  <a href={build.buildUrl} target="_blank" rel="noreferrer" className="text-indigo-700 hover:underline">
                    {build.job} #{build.number ?? "…"}
                  </a>
                ) : (
                  `${build.job} #${build.number ?? "…"}`
                )}
              </Td>
              <Td>
                <Badge tone={TONES[build.status] ?? "slate"}>
                  {t(`builds.status.${build.status}` as "builds.status.queued")}
                </Badge>
              </Td>
              <Td className="font-mono text-xs">
                {build.commit?.slice(0, 10) ?? ""}{" "}
                {build.branch ? <span className="text-slate-500">({build.branch})</span> : null}
              </Td>
              <Td className="font-mono text-xs">{build.image ?? ""}</Td>
              <Td className="text-xs">{build.triggeredBy ?? "Jenkins"}</Td>
              <Td className="whitespace-nowrap text-xs">
                <LocalTime iso={build.createdAt} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
