import { Msg } from "@/components/i18n/message-text";
import { GrafanaProblemList } from "@/components/grafana/grafana-check-view";
import { Notice } from "@/components/ui/card";
import { currentGrafanaCheck } from "@/lib/services/grafana/current-grafana-check";

// Why panels may stay blank, from the server's check of the environment's Grafana (recent, or
// run now while the panels load), each with the setting to change.
export async function GrafanaProblems({ environmentId, environment }: { environmentId: string; environment: string }) {
  const check = await currentGrafanaCheck(environmentId);
  if (!check || check.problems.length === 0) return null;
  return (
    <Notice tone="error" testId="grafana-explanation">
      <p className="mb-1 font-medium">
        <Msg k="grafana.monitoring.problemsTitle" values={{ env: environment }} />
      </p>
      <GrafanaProblemList problems={check.problems} />
    </Notice>
  );
}
