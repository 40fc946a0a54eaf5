// Scaling is ops' and admins' (DESIGN.md roles): a developer's parameter save keeps replicas and
// autoscaling as they are, and the environment's maximum bounds the autoscaler as well as the
// replica count, when saving and again when deploying.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZCreateAppSchema } from "@/lib/validations/app";
import { ZSaveTemplateVersionSchema } from "@/lib/validations/template";
import { context, makeUser } from "@/test/factories";
import { kubeconfigFor } from "@/test/kubeconfigs";
import { createTeam } from "@/lib/services/teams/create-team";
import { changeTeamMember } from "@/lib/services/teams/change-team-member";
import { saveEnvironment } from "@/lib/services/environments/save-environment";
import { saveTemplateVersion } from "@/lib/services/templates/save-template-version";
import { renderDeploy } from "@/lib/services/releases/render-deploy";
import { createApp } from "./create-app";
import { saveAppEnvironment } from "./save-app-environment";

const schema = {
  parameters: [
    { name: "image", type: "image", required: true },
    { name: "replicas", type: "integer", default: 2, min: 0, max: 10000 },
    { name: "env", type: "keyValueList", default: [] },
    { name: "autoscaling", type: "autoscaling", default: { enabled: false, min: 2, max: 5, targetCpu: 80 } },
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
          env:
            - $each: params.env
              $as: item
              name: \${{ item.name }}
              value: \${{ item.value }}
---
$if: params.autoscaling.enabled
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: \${{ app.name }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: \${{ app.name }}
  minReplicas: \${{ params.autoscaling.min }}
  maxReplicas: \${{ params.autoscaling.max }}
`;

let dev: Awaited<ReturnType<typeof makeUser>>;
let ops: Awaited<ReturnType<typeof makeUser>>;
let appId = "";
let environmentId = "";

beforeAll(async () => {
  const admin = await makeUser("admin");
  dev = await makeUser("developer");
  ops = await makeUser("ops");
  const name = `sc${Date.now().toString(36)}`;
  const team = await createTeam(admin, { name, displayName: "" }, context);
  await changeTeamMember(admin, { teamId: team.id, userId: dev.id, member: true }, context);
  dev.teamIds = [team.id];
  const template = await saveTemplateVersion(
    admin,
    ZSaveTemplateVersionSchema.parse({ name: `scale-${name}`, schemaText: JSON.stringify(schema), body }),
    context,
  );
  const version = await db.templateVersion.findFirstOrThrow({ where: { templateId: template.templateId } });
  const environment = await saveEnvironment(
    { system: "test" },
    {
      name: `e${name}`,
      displayName: "",
      protected: false,
      position: 0,
      clusterMode: "kubeconfig",
      kubeconfig: kubeconfigFor("https://127.0.0.1:9"),
      namespacePattern: "{team}-{env}",
      saveUnverified: true,
      maxReplicas: 50,
    },
    context,
  );
  environmentId = environment.id;
  const app = await createApp(
    dev,
    ZCreateAppSchema.parse({
      name: "shop",
      teamId: team.id,
      templateVersionId: version.id,
      imageRepository: "registry.example.com/team/shop",
    }),
    context,
  );
  appId = app.id;
});

async function stored(): Promise<Record<string, unknown>> {
  const row = await db.appEnvironment.findUniqueOrThrow({
    where: { appId_environmentId: { appId, environmentId } },
  });
  return row.values as Record<string, unknown>;
}

const save = (actor: typeof dev, values: Record<string, unknown>) =>
  saveAppEnvironment(actor, { appId, environmentId, values }, context);

describe("replicas and autoscaling", () => {
  it("stay as ops set them when a developer saves the form, whatever the request says", async () => {
    await save(ops, { replicas: 3, autoscaling: { enabled: false, min: 2, max: 5, targetCpu: 80 } });
    await save(dev, {
      replicas: 9,
      autoscaling: { enabled: true, min: 1, max: 5000, targetCpu: 50 },
      env: [{ name: "FEATURE", value: "on" }],
    });
    expect(await stored()).toMatchObject({
      replicas: 3,
      autoscaling: { enabled: false, min: 2, max: 5, targetCpu: 80 },
      env: [{ name: "FEATURE", value: "on" }],
    });
  });

  it("are bounded by the environment's maximum for ops too, on their field, saving nothing", async () => {
    const before = await stored();
    await expect(save(ops, { replicas: 51 })).rejects.toMatchObject({
      field: "values.replicas",
      messageKey: "releases.aboveMax",
    });
    await expect(
      save(ops, { replicas: 3, autoscaling: { enabled: true, min: 2, max: 5000, targetCpu: 80 } }),
    ).rejects.toMatchObject({ field: "values.autoscaling", messageKey: "releases.aboveMax" });
    expect(await stored()).toEqual(before);
    await save(ops, { replicas: 3, autoscaling: { enabled: true, min: 2, max: 50, targetCpu: 80 } });
    expect(await stored()).toMatchObject({ autoscaling: { enabled: true, max: 50 } });
  });

  it("bound the autoscaler at deploy when the environment's maximum was lowered since", async () => {
    await expect(renderDeploy(appId, environmentId, "1.0")).resolves.toBeTruthy();
    await db.environment.update({ where: { id: environmentId }, data: { maxReplicas: 20 } });
    await expect(renderDeploy(appId, environmentId, "1.0")).rejects.toMatchObject({
      field: "autoscaling",
      messageKey: "releases.aboveMax",
      values: { max: 20 },
    });
  });
});
