"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type Ref = { kind: "registry" | "jenkins"; id: string };

// Delete, after a confirmation that names the integration and what still uses it (the server
// refuses while anything does, and says so again should that change meanwhile).
export function DeleteIntegration({
  target,
  name,
  usedBy,
  remove,
}: {
  target: Ref;
  name: string;
  usedBy: string[];
  remove: (input: Ref) => Promise<ActionResult<void>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const deleting = useAction(remove);
  const inUse =
    target.kind === "registry"
      ? t("integrations.deleteRegistryInUse", { name, environments: usedBy.join(", ") })
      : t("integrations.deleteJenkinsInUse", { name, apps: usedBy.join(", ") });
  const question =
    target.kind === "registry"
      ? t("integrations.deleteRegistryConfirm", { name })
      : t("integrations.deleteJenkinsConfirm", { name });
  return (
    <div className="space-y-2" data-testid={`delete-${target.kind}`}>
      {asking ? (
        <div className="space-y-2 rounded-md bg-red-50 p-3 text-sm text-red-900" role="alertdialog">
          <p>{usedBy.length > 0 ? inUse : question}</p>
          <div className="flex gap-2">
            <Button
              variant="danger"
              data-testid="delete-confirm"
              disabled={deleting.pending}
              onClick={() => deleting.run(target, () => router.refresh())}
            >
              {t("integrations.deleteConfirmButton", { name })}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t("canary.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="danger" onClick={() => setAsking(true)}>
          {t("integrations.delete")}
        </Button>
      )}
      {deleting.error ? <Notice tone="error">{deleting.error}</Notice> : null}
    </div>
  );
}
