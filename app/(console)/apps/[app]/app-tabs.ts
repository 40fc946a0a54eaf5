import type { AppTab } from "@/components/apps/app-tabs";
import type { Translate } from "@/lib/i18n/locales";

// The tabs of an app's pages, each keeping the chosen environment.
export function appTabs(t: Translate, appId: string, env: string | undefined): AppTab[] {
  const query = env ? `?env=${encodeURIComponent(env)}` : "";
  return [
    { key: "overview", label: t("grafana.tabs.overview"), href: `/apps/${appId}${query}` },
    { key: "observe", label: t("grafana.tabs.observe"), href: `/apps/${appId}/observe${query}` },
    { key: "monitoring", label: t("grafana.tabs.monitoring"), href: `/apps/${appId}/monitoring${query}` },
  ];
}
