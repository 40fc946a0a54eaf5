"use client";
import { useI18n } from "@/components/i18n/i18n-provider";
import { ROLES } from "@/lib/auth/permissions";

export function RoleOptions() {
  const { t } = useI18n();
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {t(`role.${role}`)}
    </option>
  ));
}

export function TeamCheckboxes({ teams, selected }: { teams: { id: string; name: string }[]; selected?: string[] }) {
  const { t } = useI18n();
  if (teams.length === 0) return <p className="text-sm text-slate-500">{t("common.none")}</p>;
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1">
      {teams.map((team) => (
        <label key={team.id} className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" name="teamIds" value={team.id} defaultChecked={selected?.includes(team.id)} />
          <span translate="no">{team.name}</span>
        </label>
      ))}
    </div>
  );
}
