import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";

export default async function Forbidden() {
  const { t } = await getI18n();
  const user = await getCurrentUser();
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold">{t("error.forbidden.title")}</h1>
      <p className="mt-2 text-slate-600">{t("error.forbidden.text", { role: user ? t(`role.${user.role}`) : "-" })}</p>
      <Link href="/apps" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:underline">
        {t("error.backHome")}
      </Link>
    </main>
  );
}
