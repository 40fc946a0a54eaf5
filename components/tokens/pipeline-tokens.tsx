"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { OneTimeSecret } from "@/components/integrations/one-time-secret";
import { Button } from "@/components/ui/button";
import { Badge, Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td } from "@/components/ui/table";
import { INLINE, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

export type TokenRow = {
  id: string;
  team: string;
  name: string;
  prefix: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string;
};

// A team's pipeline tokens: create (the token is shown once), see when each was last used,
// revoke.
export function PipelineTokens({
  teams,
  tokens,
  create,
  revoke,
}: {
  teams: { id: string; name: string }[];
  tokens: TokenRow[];
  create: (input: { teamId: string; name: string; expiresInDays: number }) => Promise<ActionResult<{ token: string }>>;
  revoke: (input: { id: string }) => Promise<ActionResult<void>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const creating = useAction(create, { fields: INLINE });
  const revoking = useAction(revoke);
  const now = new Date().toISOString();
  return (
    <div className="space-y-4">
      <form
        noValidate
        className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_140px_auto]"
        onSubmit={(event) => {
          event.preventDefault();
          const f = new FormData(event.currentTarget);
          creating.run(
            {
              teamId: String(f.get("teamId") ?? ""),
              name: String(f.get("name") ?? ""),
              expiresInDays: Number(f.get("expiresInDays") ?? 90),
            },
            () => router.refresh(),
          );
        }}
      >
        <Field label={t("tokens.team")} htmlFor="token-team" error={creating.fields.teamId}>
          <Select id="token-team" name="teamId">
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("integrations.name")} htmlFor="token-name" error={creating.fields.name}>
          <Input
            id="token-name"
            name="name"
            placeholder="jenkins"
            translate="no"
            invalid={Boolean(creating.fields.name)}
          />
        </Field>
        <Field label={t("tokens.expiresInDays")} htmlFor="token-days" error={creating.fields.expiresInDays}>
          <Input id="token-days" name="expiresInDays" type="number" min={0} max={366} defaultValue={90} />
        </Field>
        <Button type="submit" disabled={creating.pending || teams.length === 0}>
          {t("tokens.create")}
        </Button>
      </form>
      {creating.error ? <Notice tone="error">{creating.error}</Notice> : null}
      {creating.data ? <OneTimeSecret secret={creating.data.token} hint={t("tokens.usage")} /> : null}
      {revoking.error ? <Notice tone="error">{revoking.error}</Notice> : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500">{t("tokens.none")}</p>
      ) : (
        <Table
          head={[
            t("tokens.team"),
            t("integrations.name"),
            t("tokens.expires"),
            t("tokens.lastUsed"),
            t("tokens.createdBy"),
            "",
          ]}
        >
          {tokens.map((token) => (
            <tr key={token.id} data-testid={`token-${token.team}-${token.name}`}>
              <Td data>{token.team}</Td>
              <Td data>
                {token.name} <span className="font-mono text-xs text-slate-400">{token.prefix}…</span>
              </Td>
              <Td className="text-xs">
                {token.expiresAt ? <LocalTime iso={token.expiresAt} /> : t("tokens.never")}
                {token.expiresAt && token.expiresAt < now ? <Badge tone="red">{t("tokens.expired")}</Badge> : null}
              </Td>
              <Td className="text-xs">{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : "—"}</Td>
              <Td className="text-xs" data>
                {token.createdBy}
              </Td>
              <Td>
                {token.revokedAt ? (
                  <Badge tone="slate">{t("tokens.revoked")}</Badge>
                ) : (
                  <Button
                    variant="danger"
                    disabled={revoking.pending}
                    onClick={() => revoking.run({ id: token.id }, () => router.refresh())}
                  >
                    {t("tokens.revoke")}
                  </Button>
                )}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
