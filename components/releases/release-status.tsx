"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/card";
import type { ReleaseStatusName } from "@/lib/validations/release-status";

const TONES: Record<ReleaseStatusName, "slate" | "indigo" | "green" | "red" | "amber"> = {
  pending: "slate",
  applying: "indigo",
  progressing: "indigo",
  succeeded: "green",
  failed: "red",
  superseded: "amber",
};

export function ReleaseStatus({ status }: { status: string }) {
  const { t } = useI18n();
  const known = status in TONES ? (status as ReleaseStatusName) : "pending";
  return (
    <span data-testid="release-status" data-status={status}>
      <Badge tone={TONES[known]}>{t(`releases.status.${known}`)}</Badge>
    </span>
  );
}
