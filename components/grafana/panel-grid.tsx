import type { MonitoringPanel } from "@/lib/services/grafana/app-monitoring";

// Grafana's panels, each alone in a frame. The frame may run Grafana's scripts and keep its
// session, open links in new tabs, but never navigate Slipway's page.
export function PanelGrid({ panels }: { panels: Pick<MonitoringPanel, "id" | "title" | "height" | "url">[] }) {
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {panels.map((panel, index) => (
        <iframe
          key={`${index}:${panel.id}`}
          data-testid="grafana-panel"
          title={panel.title}
          src={panel.url}
          height={panel.height}
          loading="lazy"
          sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"
          className="w-full rounded-lg bg-white ring-1 ring-slate-200"
        />
      ))}
    </div>
  );
}
