import { BASE_URL } from "./harness";

// Kubernetes requests the server sent to its environments since it started, from an
// environment page ("Kubernetes requests sent: get 3 · watch 2"): watch connections opened,
// and every other request.
export async function kubeRequests(cookie: string, environmentId: string): Promise<{ watch: number; other: number }> {
  const html = await (
    await fetch(`${BASE_URL}/settings/environments/${environmentId}`, { headers: { cookie } })
  ).text();
  // React's comment markers sit between the parts.
  const counts = /Kubernetes requests sent:(.*?)<\/p>/s.exec(html)?.[1]?.replace(/<!--.*?-->|<[^>]+>/g, "") ?? "";
  const result = { watch: 0, other: 0 };
  for (const [, verb, count] of counts.matchAll(/([a-z]+) (\d+)/g))
    result[verb === "watch" ? "watch" : "other"] += Number(count);
  return result;
}
