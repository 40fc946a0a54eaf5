import "server-only";
import { db } from "@/lib/db";

export type TemplateRow = {
  id: string;
  name: string;
  description: string;
  descriptionZh: string;
  builtin: boolean;
  latestVersion: number;
  appCount: number;
  updatedAt: Date;
};

export async function listTemplates(): Promise<TemplateRow[]> {
  const templates = await db.template.findMany({
    orderBy: { name: "asc" },
    include: { versions: { orderBy: { version: "desc" }, include: { _count: { select: { apps: true } } } } },
  });
  return templates.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    descriptionZh: t.descriptionZh,
    builtin: t.builtin,
    latestVersion: t.versions[0]?.version ?? 0,
    appCount: t.versions.reduce((sum, v) => sum + v._count.apps, 0),
    updatedAt: t.versions[0]?.createdAt ?? t.createdAt,
  }));
}

export type TemplateDetail = {
  id: string;
  name: string;
  description: string;
  descriptionZh: string;
  builtin: boolean;
  versions: {
    id: string;
    version: number;
    schema: unknown;
    body: string;
    changelog: string;
    createdAt: Date;
    appCount: number;
  }[];
};

export async function getTemplate(id: string): Promise<TemplateDetail | null> {
  const t = await db.template.findUnique({
    where: { id },
    include: { versions: { orderBy: { version: "desc" }, include: { _count: { select: { apps: true } } } } },
  });
  if (!t) return null;
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    descriptionZh: t.descriptionZh,
    builtin: t.builtin,
    versions: t.versions.map((v) => ({
      id: v.id,
      version: v.version,
      schema: v.schema,
      body: v.body,
      changelog: v.changelog,
      createdAt: v.createdAt,
      appCount: v._count.apps,
    })),
  };
}
