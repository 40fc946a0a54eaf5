// The app the bench deploys, written through Slipway's own services in its database, and the
// deploy itself over HTTP with the admin's session, as a script or pipeline would call it.
import { KubeConfig, KubernetesObjectApi, type KubernetesObject, type V1Deployment } from "@kubernetes/client-node";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createApp } from "@/lib/services/apps/create-app";
import { saveEnvironmentRouting } from "@/lib/services/environments/save-environment-routing";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { renderDeploy } from "@/lib/services/releases/render-deploy";
import { parseServerTiming } from "@/lib/server-timing";
import { signIn as signInAs } from "@/test/slipway-server";
import { createTeam } from "@/lib/services/teams/create-team";
import { HELLO_APP_VALUES } from "@/lib/templates/builtin/sample-values";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { ADMIN, BASE_URL } from "./harness";

const context = { requestId: "bench-deploy", ip: "127.0.0.1" };
export const TEAM = "bench";
export const APP = "slipweb";

export type BenchApp = { appId: string; environmentId: string; namespace: string; deployment: string };

// The hello-app sample values (Deployment, Service, Ingress) without the image, which is the
// app's repository and the deploy's tag.
export async function createBenchApp(admin: CurrentUser): Promise<BenchApp> {
  const app = await createWebServiceApp(admin, {
    team: TEAM,
    displayName: "Deploy benchmark",
    app: APP,
    repository: "harbor.example.com/bench/web",
  });
  const environment = await db.environment.findUniqueOrThrow({ where: { name: "dev" } });
  // The sandbox has no routing of its own: the bench's objects keep their Ingress as measured.
  await saveEnvironmentRouting(admin, { id: environment.id, routing: "ingress_nginx" }, context);
  await setReplicas(admin, { appId: app.id, environmentId: environment.id }, 1);
  return { appId: app.id, environmentId: environment.id, namespace: `${TEAM}-dev`, deployment: APP };
}

// A team and its app on the latest built-in web-service template.
export async function createWebServiceApp(
  admin: CurrentUser,
  names: { team: string; displayName: string; app: string; repository: string },
): Promise<{ id: string }> {
  const team = await createTeam(admin, { name: names.team, displayName: names.displayName }, context);
  const version = await db.templateVersion.findFirstOrThrow({
    where: { template: { name: "web-service" } },
    orderBy: { version: "desc" },
  });
  return createApp(
    admin,
    ZCreateAppSchema.parse({
      name: names.app,
      teamId: team.id,
      templateVersionId: version.id,
      imageRepository: names.repository,
    }),
    context,
  );
}

export async function setReplicas(
  admin: CurrentUser,
  app: Pick<BenchApp, "appId" | "environmentId">,
  replicas: number,
): Promise<void> {
  const { image: _image, ...values } = HELLO_APP_VALUES;
  await saveAppEnvironment(
    admin,
    { appId: app.appId, environmentId: app.environmentId, values: { ...values, replicas } },
    context,
  );
}

export async function adminUser(): Promise<CurrentUser> {
  const user = await db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    timeZone: user.timeZone,
    teamIds: [],
  };
}

// next-auth's credentials sign-in as a browser does it: the CSRF token and its cookie, then the
// form post; the answer sets the session cookie.
export async function signIn(): Promise<string> {
  const cookie = await signInAs(BASE_URL, ADMIN.email, ADMIN.password);
  return cookie.slice("next-auth.session-token=".length);
}

// `phases`: the server's own account of its time (the Server-Timing header), by phase.
export type Deployed = { releaseId: string; milliseconds: number; phases: Record<string, number> };

// One deploy over HTTP, timed from the request leaving to the answer read in full.
export async function postRelease(session: string, app: BenchApp, tag: string): Promise<Deployed> {
  const started = performance.now();
  const response = await fetch(`${BASE_URL}/api/releases`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `next-auth.session-token=${session}` },
    body: JSON.stringify({ appId: app.appId, environmentId: app.environmentId, tag, description: "bench" }),
  });
  const text = await response.text();
  const milliseconds = performance.now() - started;
  if (response.status !== 201) throw new Error(`POST /api/releases: HTTP ${response.status} ${text.slice(0, 300)}`);
  return {
    releaseId: (JSON.parse(text) as { releaseId: string }).releaseId,
    milliseconds,
    phases: parseServerTiming(response.headers.get("server-timing")),
  };
}

const FINAL = ["succeeded", "failed", "superseded"];

// Polls the release's status every `pollMs` (a bench waiting for many releases at once polls
// less often: its queries share the machine with what it measures).
export async function waitForRelease(releaseId: string, timeoutMs = 120_000, pollMs = 100): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { status } = await db.release.findUniqueOrThrow({ where: { id: releaseId }, select: { status: true } });
    if (FINAL.includes(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`release ${releaseId} did not finish within ${timeoutMs / 1000} s`);
}

// The objects a deploy of `tag` applies, exactly as Slipway renders them.
export async function renderedObjects(app: BenchApp, tag: string): Promise<KubernetesObject[]> {
  return (await renderDeploy(app.appId, app.environmentId, tag)).objects;
}

export function objectApi(kubeconfigPath: string): { config: KubeConfig; objects: KubernetesObjectApi } {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  return { config, objects: KubernetesObjectApi.makeApiClient(config) };
}

// The rollout is over: the controller saw the latest spec, every replica runs it and is
// available, and no old replica is left (what `kubectl rollout status` waits for).
export function rolledOut(deployment: V1Deployment): boolean {
  const status = deployment.status ?? {};
  const desired = deployment.spec?.replicas ?? 1;
  return (
    (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0) &&
    (status.updatedReplicas ?? 0) === desired &&
    (status.replicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired
  );
}

export async function readDeployment(
  objects: KubernetesObjectApi,
  namespace: string,
  name: string,
): Promise<V1Deployment> {
  return objects.read<V1Deployment>({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace } });
}

export async function waitForRollout(objects: KubernetesObjectApi, namespace: string, name: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (rolledOut(await readDeployment(objects, namespace, name))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Deployment ${namespace}/${name} did not roll out within 120 s`);
}
