import { Time } from "@/components/i18n/time";
import Link from "next/link";
import { LinkButton } from "@/components/ui/link-button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getI18n } from "@/lib/i18n/server";
import { listTemplates } from "@/lib/services/templates/list-templates";

export default async function TemplatesPage() {
  const user = await requirePageUser();
  const { t, locale } = await getI18n();
  const templates = await listTemplates();
  return (
    <>
      <PageHeader
        title={t("templates.title")}
        subtitle={t("templates.subtitle")}
        actions={
          can(user.role, "templates.manage") ? (
            <LinkButton href="/templates/new">{t("templates.create")}</LinkButton>
          ) : null
        }
      />
      {templates.length === 0 ? (
        <EmptyState title={t("templates.empty")} />
      ) : (
        <Table
          head={[
            t("templates.name"),
            t("templates.description"),
            t("templates.version"),
            t("templates.apps"),
            t("templates.updated"),
          ]}
        >
          {templates.map((tpl) => (
            <tr key={tpl.id} data-testid={`template-row-${tpl.name}`}>
              <Td>
                <Link
                  href={`/templates/${tpl.id}`}
                  className="font-medium text-indigo-700 hover:underline"
                  translate="no"
                >
                  {tpl.name}
                </Link>{" "}
                {tpl.builtin ? <Badge>{t("templates.builtin")}</Badge> : null}
              </Td>
              <Td>{(locale === "zh-CN" && tpl.descriptionZh) || tpl.description}</Td>
              <Td className="whitespace-nowrap" data>
                v{tpl.latestVersion}
              </Td>
              <Td>{tpl.appCount}</Td>
              <Td className="text-slate-500">
                <Time value={tpl.updatedAt} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
