import { Suspense } from "react";
import { PanelGrid } from "@/components/grafana/panel-grid";
import { Card } from "@/components/ui/card";
import { releaseWindow } from "@/lib/grafana/time-range";
import { getI18n } from "@/lib/i18n/server";
import { formatTimeOfDay } from "@/lib/i18n/clock";
import { isMessageKey } from "@/lib/i18n/locales";
import { appMonitoring } from "@/lib/services/grafana/app-monitoring";
import { grafanaConfigSummary } from "@/lib/services/grafana/grafana-config-cache";
import { releaseMarkerView, type ReleaseMarkerView } from "@/lib/services/grafana/release-marker-view";
import { GrafanaProblems } from "../../apps/[app]/monitoring/grafana-problems";

const FIRST_PANELS = 2;

type Props = {
  release: {
    id: string;
    appId: string;
    environmentId: string;
    environment: string;
    createdAt: Date;
    startedAt: Date | null;
    finishedAt: Date | null;
  };
};

// The app's first Grafana panels over the release's window (15 minutes either side of it), so
// the effect of a deploy shows where the deploy is, and where its marker in Grafana stands.
export async function ReleaseMetrics({ release }: Props) {
  // Most environments have no Grafana: their release pages ask the database nothing more.
  if (!(await grafanaConfigSummary()).environmentIds.has(release.environmentId)) return null;
  const range = releaseWindow(release.startedAt ?? release.createdAt, release.finishedAt);
  const [monitoring, marker] = await Promise.all([
    appMonitoring(release.appId, release.environmentId, { range, limit: FIRST_PANELS }),
    releaseMarkerView(release.id, release.environmentId),
  ]);
  if (!monitoring.configured) return null;
  const { t } = await getI18n();
  return (
    <Card
      title={t("grafana.release.title")}
      description={release.finishedAt ? t("grafana.release.windowEnded") : t("grafana.release.windowRunning")}
      className="mt-6"
    >
      <div className="space-y-3">
        {marker ? <MarkerLine marker={marker} /> : null}
        <Suspense fallback={null}>
          <GrafanaProblems environmentId={release.environmentId} environment={release.environment} />
        </Suspense>
        <PanelGrid panels={monitoring.panels} />
        <a
          href={monitoring.dashboardUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="inline-block text-sm text-indigo-700 hover:underline"
        >
          {t("grafana.monitoring.openDashboard")}
        </a>
      </div>
    </Card>
  );
}

async function MarkerLine({ marker }: { marker: ReleaseMarkerView }) {
  const { t, clock } = await getI18n();
  let text: string;
  if (marker.state === "queued") text = t("grafana.marker.queued");
  else if (marker.state === "retrying") {
    const { key, values } = marker.problem;
    text = t("grafana.marker.retrying", {
      attempts: marker.attempts,
      time: formatTimeOfDay(marker.at, clock),
      reason: isMessageKey(key) ? t(key, values) : key,
    });
  } else text = t(`grafana.marker.${marker.state}`, { id: marker.annotationId });
  return (
    <p className="text-sm" data-testid="grafana-marker">
      <span className="text-slate-500">{t("grafana.marker.label")}: </span>
      {text}
    </p>
  );
}
