import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/crypto/keys";
import { kubeconfigPlace } from "@/lib/kube/client";
import { ZEnvironmentSchema } from "@/lib/validations/environment";
import { context, makeUser } from "@/test/factories";
import { closedPort, kubeconfigFor } from "@/test/kubeconfigs";
import { getEnvironment, listEnvironments } from "./list-environments";
import { saveEnvironment } from "./save-environment";
import { testEnvironmentConnection } from "./test-environment-connection";

let unreachable = "";
let unreachableServer = "";
beforeAll(async () => {
  unreachableServer = `https://127.0.0.1:${await closedPort()}`;
  unreachable = kubeconfigFor(unreachableServer);
});

function input(fields: Record<string, unknown>) {
  return ZEnvironmentSchema.parse({ namespacePattern: "{team}-{env}", ...fields });
}

function fieldErrors(fields: Record<string, unknown>): Record<string, string> {
  const parsed = ZEnvironmentSchema.safeParse({ namespacePattern: "{team}-{env}", kubeconfig: "x", ...fields });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("environments", () => {
  it("refuse a kubeconfig whose cluster cannot be reached, unless saved unverified", async () => {
    const admin = await makeUser("admin");
    const name = `stage${Date.now().toString(36)}`;
    await expect(saveEnvironment(admin, input({ name, kubeconfig: unreachable }), context)).rejects.toMatchObject({
      field: "kubeconfig",
      message: expect.stringMatching(new RegExp(`^${name}: cluster unreachable`)),
    });
    expect(await db.environment.count({ where: { name } })).toBe(0);

    const saved = await saveEnvironment(admin, input({ name, kubeconfig: unreachable, saveUnverified: true }), context);
    const view = await getEnvironment(saved.id);
    expect(view).toMatchObject({ name, hasKubeconfig: true, clusterServer: unreachableServer, clusterContext: "test" });
    expect(JSON.stringify(await listEnvironments())).not.toContain("secret-token-value-123");

    const check = await testEnvironmentConnection(saved.id);
    expect(check).toMatchObject({
      ok: false,
      serverVersion: null,
      namespace: expect.stringMatching(new RegExp(`-${name}$`)),
    });
    expect(check.error).toMatch(/cluster unreachable/);
    expect((await getEnvironment(saved.id))?.check?.ok).toBe(false);
  });

  it("store the kubeconfig encrypted: the column never holds its text, and audit rows never mention it", async () => {
    const admin = await makeUser("admin");
    const name = `enc${Date.now().toString(36)}`;
    const saved = await saveEnvironment(admin, input({ name, kubeconfig: unreachable, saveUnverified: true }), context);
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const { rows } = await client.query<{ kubeconfig_encrypted: string }>(
      "SELECT kubeconfig_encrypted FROM environments WHERE id = $1",
      [saved.id],
    );
    await client.end();
    const stored = rows[0]!.kubeconfig_encrypted;
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain("secret-token-value-123");
    expect(stored).not.toContain("127.0.0.1");
    expect(openSecret(stored, kubeconfigPlace(saved.id))).toBe(unreachable);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: saved.id, action: "environment.create" } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain("secret-token-value-123");
    expect(audit.after).toMatchObject({ name, clusterAccessReplaced: true, verified: false });
  });

  it("keep the stored kubeconfig when an edit leaves it empty", async () => {
    const admin = await makeUser("admin");
    const name = `keep${Date.now().toString(36)}`;
    const saved = await saveEnvironment(admin, input({ name, kubeconfig: unreachable, saveUnverified: true }), context);
    const before = await db.environment.findUniqueOrThrow({ where: { id: saved.id } });
    await saveEnvironment(admin, input({ id: saved.id, name, protected: true }), context);
    const after = await db.environment.findUniqueOrThrow({ where: { id: saved.id } });
    expect(after.kubeconfigEncrypted).toBe(before.kubeconfigEncrypted);
    expect(after).toMatchObject({ protected: true });
  });

  it("refuse a duplicate name on the name field", async () => {
    const admin = await makeUser("admin");
    const name = `dup${Date.now().toString(36)}`;
    await saveEnvironment(admin, input({ name, kubeconfig: unreachable, saveUnverified: true }), context);
    await expect(
      saveEnvironment(admin, input({ name, kubeconfig: unreachable, saveUnverified: true }), context),
    ).rejects.toMatchObject({
      code: "conflict",
      field: "name",
    });
  });

  it("validate names, namespace patterns, registries and URLs on their fields", () => {
    expect(fieldErrors({ name: "Prod_1" })).toEqual({ name: "validation.dns1123" });
    expect(fieldErrors({ name: "prod", namespacePattern: "{team}-{region}" })).toEqual({
      namespacePattern: "validation.namespacePlaceholder",
    });
    expect(fieldErrors({ name: "prod", namespacePattern: "{team}_{env}" })).toEqual({
      namespacePattern: "validation.namespacePattern",
    });
    expect(fieldErrors({ name: "prod", registryId: "harbor" })).toEqual({ registryId: "validation.invalid" });
    expect(fieldErrors({ name: "prod", autoDeploy: true })).toEqual({ autoDeploy: "builds.autoDeployNeedsRegistry" });
    expect(
      fieldErrors({
        name: "prod",
        protected: true,
        autoDeploy: true,
        registryId: "7b3c1f8e-2a4d-4c6b-9e1f-0a2b3c4d5e6f",
      }),
    ).toEqual({ autoDeploy: "builds.autoDeployProtected" });
    expect(fieldErrors({ name: "prod", kubeconfig: "" })).toEqual({ kubeconfig: "validation.kubeconfigRequired" });
    expect(
      fieldErrors({
        name: "prod",
        registryId: "7b3c1f8e-2a4d-4c6b-9e1f-0a2b3c4d5e6f",
        autoDeploy: true,
      }),
    ).toEqual({});
  });

  it("refuse text that is not a kubeconfig before trying any cluster", async () => {
    const admin = await makeUser("admin");
    await expect(
      saveEnvironment(admin, input({ name: "broken", kubeconfig: "{{ nope" }), context),
    ).rejects.toMatchObject({
      field: "kubeconfig",
      messageKey: "kubeconfig.notYaml",
    });
  });
});
