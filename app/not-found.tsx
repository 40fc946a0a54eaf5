import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">{t("error.notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t("error.notFound.text")}</p>
      <Link href="/apps" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:underline">
        {t("error.backHome")}
      </Link>
    </main>
  );
}
