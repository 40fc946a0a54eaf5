import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BUILTIN_TEMPLATES } from "@/lib/templates/builtin";
import { ZSaveTemplateVersionSchema } from "@/lib/validations/template";
import { context, makeUser } from "@/test/factories";
import { ensureBuiltinTemplates } from "./ensure-builtin-templates";
import { saveTemplateVersion } from "./save-template-version";

const schemaText = JSON.stringify({
  parameters: [
    { name: "image", type: "image", required: true, default: "nginx:1.27" },
    { name: "replicas", type: "integer", default: 2, min: 0, max: 10 },
  ],
});
const body = [
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  "  name: ${{ app.name }}",
  "spec:",
  "  replicas: ${{ params.replicas }}",
  "  selector:",
  "    matchLabels: ${{ selectorLabels }}",
  "  template:",
  "    metadata:",
  "      labels: ${{ selectorLabels }}",
  "    spec:",
  "      containers:",
  "        - name: app",
  "          image: ${{ params.image }}",
].join("\n");

const input = (fields: Record<string, unknown>) => ZSaveTemplateVersionSchema.parse({ schemaText, body, ...fields });

describe("templates", () => {
  it("seeds the built-ins once, and a changed built-in becomes a new version", async () => {
    await ensureBuiltinTemplates();
    expect(await ensureBuiltinTemplates()).toEqual([]);
    const names = (await db.template.findMany({ where: { builtin: true } })).map((t) => t.name).sort();
    expect(names).toEqual(BUILTIN_TEMPLATES.map((t) => t.name).sort());
    const web = await db.template.findUniqueOrThrow({ where: { name: "web-service" }, include: { versions: true } });
    const latest = web.versions.at(-1)!;
    await db.templateVersion.create({
      data: { templateId: web.id, version: latest.version + 1, schema: latest.schema as object, body: "# older" },
    });
    expect(await ensureBuiltinTemplates()).toEqual([`web-service v${latest.version + 2}`]);
  });

  it("saves every edit as a new immutable version, audited", async () => {
    const ops = await makeUser("ops");
    const name = `api-${Date.now().toString(36)}`;
    const first = await saveTemplateVersion(ops, input({ name, changelog: "first" }), context);
    const second = await saveTemplateVersion(
      ops,
      input({ templateId: first.templateId, name, body: body.replace("name: app", "name: main") }),
      context,
    );
    expect([first.version, second.version]).toEqual([1, 2]);
    const versions = await db.templateVersion.findMany({
      where: { templateId: first.templateId },
      orderBy: { version: "asc" },
    });
    expect(versions[0]!.body).toContain("name: app");
    expect(versions[1]!.body).toContain("name: main");
    const actions = (
      await db.auditEvent.findMany({ where: { targetId: first.templateId }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["template.create", "template.new_version"]);
  });

  it("refuses an unknown placeholder on the body, with its line", async () => {
    const ops = await makeUser("ops");
    const error = await saveTemplateVersion(
      ops,
      input({ name: `bad-${Date.now().toString(36)}`, body: body.replace("params.replicas", "params.replica") }),
      context,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input", field: "body" });
    expect((error as Error).message).toMatch(/params\.replica\b[\s\S]*line 6/);
  });

  it("refuses a schema that is not JSON, or whose default fails its own type, naming where", async () => {
    const ops = await makeUser("ops");
    const name = `schema-${Date.now().toString(36)}`;
    await expect(
      saveTemplateVersion(ops, input({ name, schemaText: '{"parameters": [' }), context),
    ).rejects.toMatchObject({
      field: "schemaText",
      message: expect.stringMatching(/^Not valid JSON at line 1, column \d+/),
    });
    const badDefault = JSON.stringify({ parameters: [{ name: "replicas", type: "integer", default: 0, min: 1 }] });
    await expect(
      saveTemplateVersion(
        ops,
        input({ name, schemaText: badDefault, body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x" }),
        context,
      ),
    ).rejects.toMatchObject({
      field: "schemaText",
      message: expect.stringContaining('"replicas"'),
    });
    expect(await db.template.count({ where: { name } })).toBe(0);
  });

  it("refuses names that are not DNS-1123 and duplicates", async () => {
    expect(ZSaveTemplateVersionSchema.safeParse({ name: "Web_Service", schemaText, body }).success).toBe(false);
    const ops = await makeUser("ops");
    const name = `dup-${Date.now().toString(36)}`;
    await saveTemplateVersion(ops, input({ name }), context);
    await expect(saveTemplateVersion(ops, input({ name }), context)).rejects.toMatchObject({
      code: "conflict",
      field: "name",
    });
  });
});
