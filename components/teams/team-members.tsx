"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/action-result";

type Person = { id: string; email: string; name: string };
type ChangeMember = (input: { teamId: string; userId: string }) => Promise<ActionResult<void>>;

export function TeamMembers({
  team,
  candidates,
  add,
  remove,
}: {
  team: { id: string; name: string; members: Person[] };
  candidates: Person[];
  add: ChangeMember;
  remove: ChangeMember;
}) {
  const { t } = useI18n();
  const adding = useAction(add, { fields: ["userId"] });
  const removing = useAction(remove);
  const memberIds = new Set(team.members.map((m) => m.id));
  const addable = candidates.filter((c) => !memberIds.has(c.id));
  return (
    <div className="space-y-3" data-testid={`team-${team.name}`}>
      {team.members.length === 0 ? <p className="text-sm text-slate-500">{t("teams.noMembers")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {team.members.map((m) => (
          <li key={m.id} className="flex items-center justify-between py-1.5 text-sm">
            <span translate="no">
              {m.name} <span className="text-slate-500">({m.email})</span>
            </span>
            <Button
              variant="ghost"
              disabled={removing.pending}
              onClick={() => removing.run({ teamId: team.id, userId: m.id })}
            >
              {t("common.remove")}
            </Button>
          </li>
        ))}
      </ul>
      {adding.error || removing.error ? <Notice tone="error">{adding.error ?? removing.error}</Notice> : null}
      {adding.fields.userId ? <Notice tone="error">{adding.fields.userId}</Notice> : null}
      {addable.length > 0 ? (
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const userId = String(new FormData(event.currentTarget).get("userId") ?? "");
            adding.run({ teamId: team.id, userId });
          }}
        >
          <Select name="userId" aria-label={t("teams.addMember")} className="flex-1">
            {addable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.email})
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary" disabled={adding.pending}>
            {t("teams.addMember")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
