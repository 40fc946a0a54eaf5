import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { ZSaveTemplateVersionSchema } from "@/lib/validations/template";
import { context, makeUser } from "@/test/factories";
import { createTeam } from "@/lib/services/teams/create-team";
import { changeTeamMember } from "@/lib/services/teams/change-team-member";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { saveTemplateVersion } from "@/lib/services/templates/save-template-version";
import { appEnvironmentView } from "./app-environment-view";
import { createApp } from "./create-app";
import { dryRunApp } from "./dry-run-app";
import { renderAppEnvironment } from "./render-app";
import { saveAppEnvironment } from "./save-app-environment";
import { previewAppUpgrade, upgradeAppTemplate } from "./upgrade-app-template";
import { kubeconfigFor } from "@/test/kubeconfigs";

const schema = {
  parameters: [
    { name: "image", type: "image", required: true, default: "registry.example.com/team/hello-app:1.0" },
    { name: "replicas", type: "integer", default: 2, min: 0, max: 50 },
    { name: "port", type: "port", default: 8080 },
    { name: "resources", type: "resources", default: { requests: { cpu: "100m", memory: "128Mi" } } },
    { name: "env", type: "keyValueList", default: [] },
    { name: "secrets", type: "secretValues", default: {} },
  ],
};
const body = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${{ app.name }}
spec:
  replicas: \${{ params.replicas }}
  selector:
    matchLabels: \${{ selectorLabels }}
  template:
    metadata:
      labels: \${{ selectorLabels }}
    spec:
      containers:
        - name: app
          image: \${{ params.image }}
          ports:
            - containerPort: \${{ params.port }}
          resources: \${{ params.resources }}
          env:
            - $each: params.env
              $as: item
              name: \${{ item.name }}
              value: \${{ item.value }}
---
$if: params.secrets
apiVersion: v1
kind: Secret
metadata:
  name: \${{ app.name }}
stringData: \${{ params.secrets }}
`;

let admin: Awaited<ReturnType<typeof makeUser>>;
let dev: Awaited<ReturnType<typeof makeUser>>;
let teamId = "";
let teamName = "";
let versionId = "";
let templateId = "";
let devEnv = "";
let prodEnv = "";

beforeAll(async () => {
  admin = await makeUser("admin");
  dev = await makeUser("developer");
  teamName = `pay${Date.now().toString(36)}`;
  const team = await createTeam(admin, { name: teamName, displayName: "" }, context);
  teamId = team.id;
  await changeTeamMember(admin, { teamId, userId: dev.id, member: true }, context);
  dev.teamIds = [teamId];
  const saved = await saveTemplateVersion(
    admin,
    ZSaveTemplateVersionSchema.parse({ name: `svc-${teamName}`, schemaText: JSON.stringify(schema), body }),
    context,
  );
  templateId = saved.templateId;
  versionId = (await db.templateVersion.findFirstOrThrow({ where: { templateId } })).id;
  const kubeconfig = kubeconfigFor("https://127.0.0.1:9");
  for (const [name, protectedEnv] of [
    [`d${teamName}`, false],
    [`p${teamName}`, true],
  ] as const) {
    const env = await saveEnvironment(
      { system: "test" },
      {
        name,
        displayName: name,
        protected: protectedEnv,
        position: 0,
        clusterMode: "kubeconfig",
        kubeconfig,
        namespacePattern: "{team}-{env}",
        saveUnverified: true,
      },
      context,
    );
    if (protectedEnv) prodEnv = env.id;
    else devEnv = env.id;
  }
});

async function newApp(name = `hello-${Date.now().toString(36)}`) {
  return createApp(
    dev,
    ZCreateAppSchema.parse({
      name,
      teamId,
      templateVersionId: versionId,
      imageRepository: "registry.example.com/team/hello-app",
    }),
    context,
  );
}

describe("apps", () => {
  it("are created by members of their team only, with unique names per team", async () => {
    const outsider = await makeUser("developer");
    const input = ZCreateAppSchema.parse({
      name: "hello",
      teamId,
      templateVersionId: versionId,
      imageRepository: "registry.example.com/team/hello",
    });
    await expect(createApp(outsider, input, context)).rejects.toMatchObject({ code: "forbidden" });
    await createApp(dev, input, context);
    await expect(createApp(dev, input, context)).rejects.toMatchObject({ code: "conflict", field: "name" });
    expect(
      ZCreateAppSchema.safeParse({ ...input, imageRepository: "registry.example.com/team/hello:1.0" }).success,
    ).toBe(false);
  });

  it("render per environment into that environment's namespace", async () => {
    const app = await newApp();
    const dev1 = await renderAppEnvironment(app.id, devEnv);
    const prod1 = await renderAppEnvironment(app.id, prodEnv);
    expect(dev1.rendered.ok && dev1.rendered.objects[0]).toMatchObject({
      kind: "Deployment",
      metadata: { namespace: `${teamName}-d${teamName}` },
    });
    expect(prod1.rendered.ok && prod1.rendered.objects[0]).toMatchObject({
      metadata: { namespace: `${teamName}-p${teamName}` },
    });
  });

  it("refuse bad parameter values on their parameter and save nothing", async () => {
    const app = await newApp();
    // Ops, since a developer's replicas are not taken at all (scaling-rights.test.ts).
    const ops = await makeUser("ops");
    const error = await saveAppEnvironment(
      ops,
      {
        appId: app.id,
        environmentId: devEnv,
        values: {
          replicas: -1,
          port: 70000,
          resources: { requests: { cpu: "1.5.5Gi" } },
          env: [{ name: "1BAD", value: "x" }],
        },
      },
      context,
    ).catch((e: unknown) => e);
    expect(Object.keys((error as { fields: Record<string, string> }).fields).sort()).toEqual([
      "values.env",
      "values.port",
      "values.replicas",
      "values.resources",
    ]);
    expect(await db.appEnvironment.count({ where: { appId: app.id } })).toBe(0);
  });

  it("keep secret values sealed, masked on screen, and unchanged when the form leaves them empty", async () => {
    const app = await newApp();
    await saveAppEnvironment(
      dev,
      {
        appId: app.id,
        environmentId: devEnv,
        values: { replicas: 3, secrets: { DB_PASSWORD: "hunter2-very-secret" } },
      },
      context,
    );
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const { rows } = await client.query(
      "SELECT values::text AS v, secret_values_encrypted AS s FROM app_environments WHERE app_id = $1",
      [app.id],
    );
    await client.end();
    expect(`${rows[0].v}${rows[0].s}`).not.toContain("hunter2");
    const view = await appEnvironmentView(app.id, devEnv);
    expect(view.formValues.secrets).toEqual({ DB_PASSWORD: "" });
    expect(view.yaml).toContain('DB_PASSWORD: "••••••"');
    expect(view.yaml).not.toContain("hunter2");
    await saveAppEnvironment(
      dev,
      { appId: app.id, environmentId: devEnv, values: { replicas: 4, secrets: { DB_PASSWORD: "" } } },
      context,
    );
    const { rendered } = await renderAppEnvironment(app.id, devEnv);
    const secret = rendered.ok ? rendered.objects.find((o) => o.kind === "Secret") : undefined;
    expect(secret).toMatchObject({ stringData: { DB_PASSWORD: "hunter2-very-secret" } });
    const audit = await db.auditEvent.findMany({ where: { targetId: app.id, action: "app.set_parameters" } });
    expect(JSON.stringify(audit.map((a) => a.after))).not.toContain("hunter2");
  });

  it("show the rendered difference before an upgrade to a newer template version, secrets masked, then pin it", async () => {
    const app = await newApp();
    await saveAppEnvironment(
      dev,
      { appId: app.id, environmentId: devEnv, values: { secrets: { DB_PASSWORD: "upgrade-canary-4711" } } },
      context,
    );
    const v2 = await saveTemplateVersion(
      admin,
      ZSaveTemplateVersionSchema.parse({
        templateId,
        name: "ignored",
        schemaText: JSON.stringify(schema),
        body: body.replace("name: app\n", "name: main\n"),
      }),
      context,
    );
    const v2Id = (await db.templateVersion.findFirstOrThrow({ where: { templateId, version: v2.version } })).id;
    const preview = await previewAppUpgrade(dev, app.id, v2Id);
    const changed = preview[0]!.diff!.filter((l) => l.kind !== "same").map((l) => `${l.kind} ${l.text.trim()}`);
    expect(changed).toEqual(["removed - name: app", "added - name: main"]);
    expect(JSON.stringify(preview)).not.toContain("upgrade-canary-4711");
    expect(preview[0]!.diff!.map((l) => l.text).join("\n")).toMatch(/DB_PASSWORD: "•••••• [0-9a-f]{8}"/);
    // Another team's developer reads neither the diff nor the cluster's dry run.
    const outsider = await makeUser("developer");
    await expect(previewAppUpgrade(outsider, app.id, v2Id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(dryRunApp(outsider, app.id, devEnv)).rejects.toMatchObject({ code: "forbidden" });
    await upgradeAppTemplate(dev, { appId: app.id, templateVersionId: v2Id }, context);
    expect((await db.app.findUniqueOrThrow({ where: { id: app.id } })).templateVersionId).toBe(v2Id);
  });
});
