import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

export async function assertTeamsExist(tx: Tx, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  const found = await tx.team.count({ where: { id: { in: teamIds } } });
  if (found !== new Set(teamIds).size) {
    throw new AppError("invalid_input", "One of the teams does not exist.", {
      field: "teamIds",
      messageKey: "validation.unknownTeam",
    });
  }
}
