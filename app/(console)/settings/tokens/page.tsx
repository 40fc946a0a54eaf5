import { PipelineTokens } from "@/components/tokens/pipeline-tokens";
import { Card, PageHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/link-button";
import { requirePageUser } from "@/lib/auth/guards";
import { getI18n } from "@/lib/i18n/server";
import { listTeams } from "@/lib/services/teams/list-teams";
import { listPipelineTokens } from "@/lib/services/tokens/list-pipeline-tokens";
import { createPipelineTokenAction, revokePipelineTokenAction } from "./actions";

export default async function PipelineTokensPage() {
  const user = await requirePageUser("apps.deploy");
  const { t } = await getI18n();
  const everyTeam = user.role === "admin" || user.role === "ops";
  const [teams, tokens] = await Promise.all([listTeams(), listPipelineTokens(user)]);
  return (
    <>
      <PageHeader
        title={t("tokens.title")}
        subtitle={t("tokens.subtitle")}
        actions={<BackLink href="/settings" label={t("common.back")} />}
      />
      <Card>
        <PipelineTokens
          teams={teams.filter((team) => everyTeam || user.teamIds.includes(team.id))}
          tokens={tokens.map((token) => ({
            ...token,
            expiresAt: token.expiresAt?.toISOString() ?? null,
            lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
            revokedAt: token.revokedAt?.toISOString() ?? null,
          }))}
          create={createPipelineTokenAction}
          revoke={revokePipelineTokenAction}
        />
      </Card>
    </>
  );
}
