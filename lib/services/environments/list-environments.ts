import "server-only";
import { db } from "@/lib/db";
import { toEnvironmentView, type EnvironmentView } from "./environment-view";

export async function listEnvironments(): Promise<EnvironmentView[]> {
  const rows = await db.environment.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] });
  return rows.map(toEnvironmentView);
}

export async function getEnvironment(id: string): Promise<EnvironmentView | null> {
  const row = await db.environment.findUnique({ where: { id } });
  return row ? toEnvironmentView(row) : null;
}
