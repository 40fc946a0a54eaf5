"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Notice } from "@/components/ui/card";

// A secret Slipway shows this once (it keeps only a hash), with where it goes.
export function OneTimeSecret({ secret, hint }: { secret: string; hint: string }) {
  const { t } = useI18n();
  return (
    <Notice tone="success" testId="one-time-secret">
      <p className="font-medium">{t("integrations.shownOnce")}</p>
      <p className="mt-1 text-sm">{hint}</p>
      <code className="mt-2 block select-all break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-green-200">
        {secret}
      </code>
    </Notice>
  );
}
