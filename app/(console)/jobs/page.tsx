import Link from "next/link";
import { FailedJobActions } from "@/components/jobs/failed-job-actions";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/guards";
import { isMessageKey, type Translate } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { listBackgroundJobs, type JobState } from "@/lib/services/jobs/list-background-jobs";
import { discardJobAction, retryJobAction } from "./actions";

const REFRESH_SECONDS = 5;

const TONES: Record<JobState, "slate" | "indigo" | "amber" | "red"> = {
  created: "slate",
  active: "indigo",
  retry: "amber",
  failed: "red",
};

function kindLabel(t: Translate, name: string): string {
  const key = `jobs.kind.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

// Admins see the job queue: per kind what waits, runs, retries or failed, and each such job
// with its attempts, age and last error; a failed one can be retried or discarded.
export default async function JobsPage() {
  await requirePageUser("jobs.manage");
  const { t } = await getI18n();
  const { kinds, jobs } = await listBackgroundJobs();
  return (
    <>
      <AutoRefresh seconds={REFRESH_SECONDS} />
      <PageHeader title={t("jobs.title")} subtitle={t("jobs.subtitle", { seconds: REFRESH_SECONDS })} />
      <div className="space-y-6">
        <Card title={t("jobs.kinds")}>
          {kinds.length === 0 ? (
            <p className="text-sm text-slate-500">{t("jobs.none")}</p>
          ) : (
            <Table head={[t("jobs.kind"), t("jobs.queued"), t("jobs.running"), t("jobs.retrying"), t("jobs.failed")]}>
              {kinds.map((kind) => (
                <tr key={kind.name} data-testid={`job-kind-${kind.name}`}>
                  <Td>
                    {kindLabel(t, kind.name)} <span className="font-mono text-xs text-slate-400">{kind.name}</span>
                  </Td>
                  <Td>{kind.created}</Td>
                  <Td>{kind.active}</Td>
                  <Td>{kind.retry}</Td>
                  <Td className={kind.failed > 0 ? "font-semibold text-red-700" : undefined}>{kind.failed}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <section>
          <h2 className="text-base font-semibold text-slate-900">{t("jobs.list")}</h2>
          <p className="mb-3 mt-1 text-sm text-slate-500">{t("jobs.listHint")}</p>
          {jobs.length === 0 ? (
            <EmptyState title={t("jobs.none")} />
          ) : (
            <Table
              head={[
                t("jobs.kind"),
                t("jobs.state"),
                t("jobs.subject"),
                t("jobs.attempts"),
                t("jobs.age"),
                t("jobs.lastError"),
                "",
              ]}
            >
              {jobs.map((job) => (
                <tr key={job.id} data-testid={`job-${job.id}`}>
                  <Td>{kindLabel(t, job.name)}</Td>
                  <Td className="whitespace-nowrap">
                    <Badge tone={TONES[job.state]}>{t(`jobs.state.${job.state}`)}</Badge>
                    {job.dueIn ? (
                      <div className="text-xs text-slate-500">{t("jobs.dueIn", { age: job.dueIn })}</div>
                    ) : null}
                  </Td>
                  <Td className="font-mono text-xs">
                    {job.subject.map(({ key, value }) => (
                      <div key={key}>
                        {key}:{" "}
                        {/release/i.test(key) && !/request/i.test(key) ? (
                          <Link href={`/releases/${value}`} className="text-indigo-700 hover:underline">
                            {value.slice(0, 8)}
                          </Link>
                        ) : (
                          value.slice(0, 8)
                        )}
                      </div>
                    ))}
                  </Td>
                  <Td className="whitespace-nowrap">
                    {t("jobs.attemptsOf", { count: job.attempts, limit: job.retryLimit })}
                  </Td>
                  <Td className="whitespace-nowrap text-slate-500">{t("jobs.ageValue", { age: job.age })}</Td>
                  <Td className="max-w-md break-words text-xs text-slate-600">{job.error ?? "—"}</Td>
                  <Td>
                    {job.state === "failed" ? (
                      <FailedJobActions
                        job={{ name: job.name, id: job.id }}
                        retry={retryJobAction}
                        discard={discardJobAction}
                      />
                    ) : null}
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      </div>
    </>
  );
}
