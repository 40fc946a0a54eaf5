// An app whose environments point at the test sandbox, for release tests: a small template
// (Deployment, Service, optional Ingress, optional autoscaler) whose pods can be held unready
// (the sandbox's `sandbox.slipway.dev/unready` label) with a short progress deadline.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { isFinalStatus } from "@/lib/validations/release-status";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { ZSaveTemplateVersionSchema } from "@/lib/validations/template";
import { createApp } from "@/lib/services/apps/create-app";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { changeTeamMember } from "@/lib/services/teams/change-team-member";
import { createTeam } from "@/lib/services/teams/create-team";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { saveTemplateVersion } from "@/lib/services/templates/save-template-version";
import { openRelease, type OpenReleaseInput } from "@/lib/services/releases/release-store";
import { context, makeUser } from "./factories";
import { eventually, sandboxKubeconfig } from "./sandbox";

export const releaseTemplateSchema = {
  parameters: [
    { name: "image", type: "image", required: true },
    { name: "replicas", type: "integer", default: 1, min: 0, max: 50 },
    { name: "host", type: "string" },
    { name: "unready", type: "boolean", default: false },
    { name: "deadline", type: "integer", default: 60, min: 1, max: 600 },
    { name: "message", type: "string", default: "hello" },
    { name: "autoscaling", type: "autoscaling", default: { enabled: false, min: 1, max: 3, targetCpu: 80 } },
  ],
};

const deployment = (
  autoscaled: boolean,
) => `$if: ${autoscaled ? "params.autoscaling.enabled" : '"!params.autoscaling.enabled"'}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:${autoscaled ? "" : "\n  replicas: ${{ params.replicas }}"}
  progressDeadlineSeconds: \${{ params.deadline }}
  selector:
    matchLabels: \${{ selectorLabels }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: \${{ app.name }}
        app.kubernetes.io/instance: \${{ app.name }}-\${{ env.name }}
        app.kubernetes.io/managed-by: slipway
        sandbox.slipway.dev/unready: "\${{ params.unready }}"
    spec:
      containers:
        - name: app
          image: \${{ params.image }}
          env:
            - name: MESSAGE
              value: \${{ params.message }}
`;

export const releaseTemplateBody = `${deployment(false)}---
${deployment(true)}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: \${{ app.name }}-config
  labels: \${{ labels }}
data:
  message: \${{ params.message }}
---
apiVersion: v1
kind: Service
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  selector: \${{ selectorLabels }}
  ports:
    - name: http
      port: 80
      targetPort: 8080
---
$if: params.host
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  rules:
    - host: \${{ params.host }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: \${{ app.name }}
                port:
                  name: http
---
$if: params.autoscaling.enabled
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: \${{ app.name }}
  minReplicas: \${{ params.autoscaling.min }}
  maxReplicas: \${{ params.autoscaling.max }}
`;

export async function makeReleaseWorld() {
  const suffix = randomBytes(3).toString("hex");
  const admin = await makeUser("admin");
  const ops = await makeUser("ops");
  const dev = await makeUser("developer");
  const tester = await makeUser("tester");
  const team = await createTeam(admin, { name: `rel${suffix}`, displayName: "" }, context);
  await changeTeamMember(admin, { teamId: team.id, userId: dev.id, member: true }, context);
  dev.teamIds = [team.id];
  const saved = await saveTemplateVersion(
    admin,
    ZSaveTemplateVersionSchema.parse({
      name: `rel-${suffix}`,
      schemaText: JSON.stringify(releaseTemplateSchema),
      body: releaseTemplateBody,
    }),
    context,
  );
  const version = await db.templateVersion.findFirstOrThrow({ where: { templateId: saved.templateId } });
  const kubeconfig = sandboxKubeconfig("slipway");
  const environment = async (name: string, options: { protected?: boolean; autoRollback?: boolean } = {}) => {
    const env = await saveEnvironment(
      { system: "test" },
      {
        name: `${name}${suffix}`,
        displayName: name,
        protected: options.protected ?? false,
        position: 0,
        clusterMode: "kubeconfig",
        kubeconfig,
        namespacePattern: "{team}-{env}",
        maxReplicas: 8,
        autoRollback: options.autoRollback ?? false,
        saveUnverified: true,
      },
      context,
    );
    return db.environment.findUniqueOrThrow({ where: { id: env.id } });
  };
  const app = async (name: string, values: Record<string, unknown> = {}, environmentId?: string) => {
    const created = await createApp(
      dev,
      ZCreateAppSchema.parse({
        name,
        teamId: team.id,
        templateVersionId: version.id,
        imageRepository: "registry.example.com/team/hello-app",
      }),
      context,
    );
    // Set up by ops: replicas and autoscaling are theirs to set (a developer's save keeps them).
    if (environmentId) await saveAppEnvironment(ops, { appId: created.id, environmentId, values }, context);
    return created;
  };
  return { suffix, admin, ops, dev, tester, team, environment, app };
}

// The release once it has ended (succeeded, failed or superseded).
export async function settledRelease(releaseId: string, timeoutMs = 60_000) {
  return eventually(
    `release ${releaseId} to finish`,
    async () => {
      const release = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
      return isFinalStatus(release.status) ? release : null;
    },
    timeoutMs,
  );
}

// A release opened as another process would have opened it (lock, row, audit), and not applied:
// for tests of a release in progress (a lock held, a process that stopped, a live page).
export function openTestRelease(
  target: { appId: string; environmentId: string },
  overrides: Partial<OpenReleaseInput> = {},
) {
  return openRelease({
    ...target,
    kind: "deploy",
    image: "registry.example.com/team/hello-app:v0",
    parameters: {},
    objects: [],
    description: "",
    actor: { system: "test" },
    actorLabel: "test",
    trigger: "user",
    audit: { action: `release.${overrides.kind ?? "deploy"}`, label: "t", after: {} },
    ...overrides,
  });
}
