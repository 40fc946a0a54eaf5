import "server-only";
import { requestJson } from "./outbound-http";

// Alertmanager's API v2: a silence for exactly one alert's label set.
export async function createSilence(
  baseUrl: string,
  silence: { labels: Record<string, string>; endsAt: Date; createdBy: string; comment: string },
): Promise<{ ok: true; silenceId: string } | { ok: false; status: number }> {
  const answer = await requestJson(`${baseUrl.replace(/\/+$/, "")}/api/v2/silences`, {
    body: JSON.stringify({
      matchers: Object.entries(silence.labels).map(([name, value]) => ({
        name,
        value,
        isRegex: false,
        isEqual: true,
      })),
      startsAt: new Date().toISOString(),
      endsAt: silence.endsAt.toISOString(),
      createdBy: silence.createdBy,
      comment: silence.comment,
    }),
  });
  const id = (answer.body as { silenceID?: unknown } | null)?.silenceID;
  return answer.status === 200 && typeof id === "string"
    ? { ok: true, silenceId: id }
    : { ok: false, status: answer.status };
}
