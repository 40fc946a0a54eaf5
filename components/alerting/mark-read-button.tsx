"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

export function MarkReadButton({
  action,
}: {
  action: (input: Record<string, never>) => Promise<ActionResult<number>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const { run, pending } = useAction(action);
  return (
    <Button variant="secondary" disabled={pending} onClick={() => run({}, () => router.refresh())}>
      {t("inbox.markAllRead")}
    </Button>
  );
}
