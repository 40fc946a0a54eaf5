import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";

export default async function Page() {
  await requirePageUser();
  const { t } = await getI18n();
  return (
    <>
      <PageHeader title={t("alerts.title")} />
      <EmptyState title={t("alerts.empty")} hint={t("alerts.emptyHint")} />
    </>
  );
}
