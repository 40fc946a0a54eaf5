import { CanaryCard } from "@/components/canary/canary-card";
import { StartCanaryForm } from "@/components/canary/start-canary-form";
import { Msg } from "@/components/i18n/message-text";
import { Card } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { mayCanary } from "@/lib/services/canary/canary-access";
import { listCanaries } from "@/lib/services/canary/list-canaries";
import { abortCanaryAction, promoteCanaryAction, startCanaryAction, switchCanaryAction } from "../../canaries/actions";
import { listImageTagsAction, lookupTagDigestsAction } from "../build-actions";

type Props = {
  user: CurrentUser;
  app: { id: string; teamId: string };
  environment: { id: string; name: string };
};

// The app's canary in one environment (issue 14): the running one, or the form that starts one
// for those who may (the team's developers, ops, admins).
export async function CanarySection({ user, app, environment }: Props) {
  const { t } = await getI18n();
  const [row] = await listCanaries(user, { appId: app.id, environmentId: environment.id });
  const mayStart = mayCanary(user, app.teamId, "manage");
  if (!row && !mayStart) return null;
  return (
    <Card title={<Msg k="canary.section" values={{ env: environment.name }} />} description={t("canary.sectionHint")}>
      {row ? (
        <CanaryCard
          row={row}
          actions={{ switchCanary: switchCanaryAction, promote: promoteCanaryAction, abort: abortCanaryAction }}
        />
      ) : (
        <StartCanaryForm
          appId={app.id}
          environmentId={environment.id}
          start={startCanaryAction}
          listTags={{ list: listImageTagsAction, digests: lookupTagDigestsAction }}
        />
      )}
    </Card>
  );
}
