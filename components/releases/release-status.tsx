"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/card";

const TONES = {
  pending: "slate",
  applying: "indigo",
  progressing: "indigo",
  succeeded: "green",
  failed: "red",
  superseded: "amber",
} as const;

export type ReleaseStatusName = keyof typeof TONES;

export function ReleaseStatus({ status }: { status: string }) {
  const { t } = useI18n();
  const known = status in TONES ? (status as ReleaseStatusName) : "pending";
  return (
    <span data-testid="release-status" data-status={status}>
      <Badge tone={TONES[known]}>{t(`releases.status.${known}`)}</Badge>
    </span>
  );
}
