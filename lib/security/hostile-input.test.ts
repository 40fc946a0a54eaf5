// Inputs from the outside test that used to answer 500 ("internal"): each is now refused on its
// field by the schema, before any parser, checker or query sees it.
import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { listReleases } from "@/lib/services/releases/list-releases";
import { ZAuditQuerySchema } from "@/lib/validations/audit";
import { ZSaveAppEnvironmentSchema } from "@/lib/validations/app";
import { ZEnvironmentSchema } from "@/lib/validations/environment";
import { findString, hasUnstorable, MAX_NESTING, nestingDepth, textNestingDepth } from "@/lib/validations/input-shape";
import { ZReleaseListQuerySchema } from "@/lib/validations/release";
import { ZPreviewTemplateSchema, ZSaveTemplateVersionSchema } from "@/lib/validations/template";

const deepText = "[".repeat(10_000) + "]".repeat(10_000);
function deepValue(levels: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = { inner: value };
  return value;
}

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
}

describe("hostile input", () => {
  it("counts nesting 10,000 levels deep without running out of stack", () => {
    expect(nestingDepth(deepValue(10_000))).toBe(MAX_NESTING + 1);
    expect(textNestingDepth(deepText)).toBe(MAX_NESTING + 1);
    expect(textNestingDepth('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')).toBe(1);
    expect(nestingDepth({ a: [{ b: 1 }] })).toBe(3);
  });

  it("finds the field that holds what PostgreSQL cannot store: NUL, half a surrogate pair", () => {
    expect(findString({ values: { env: [{ name: "A", value: "a\u0000b" }] } }, hasUnstorable)).toBe(
      "values.env.0.value",
    );
    expect(findString({ description: "lone \ud800 surrogate" }, hasUnstorable)).toBe("description");
    expect(findString({ name: "emoji 🚀 fine", other: "\udc00 low first" }, hasUnstorable)).toBe("other");
    expect(findString({ name: "emoji 🚀 👩‍👩‍👧 fine" }, hasUnstorable)).toBeNull();
  });

  it("refuses a template, preview, parameter set or kubeconfig nested 10,000 deep on its field", () => {
    const template = { name: "deep", schemaText: deepText, body: "kind: x" };
    expect(issues(ZSaveTemplateVersionSchema.safeParse(template))).toEqual({ schemaText: "validation.tooDeep" });
    expect(issues(ZSaveTemplateVersionSchema.safeParse({ ...template, schemaText: "{}", body: deepText }))).toEqual({
      body: "validation.tooDeep",
    });
    expect(issues(ZPreviewTemplateSchema.safeParse({ schemaText: "{}", body: "", valuesText: deepText }))).toEqual({
      valuesText: "validation.tooDeep",
    });
    const ref = { appId: crypto.randomUUID(), environmentId: crypto.randomUUID() };
    expect(issues(ZSaveAppEnvironmentSchema.safeParse({ ...ref, values: { env: deepValue(10_000) } }))).toEqual({
      values: "validation.tooDeep",
    });
    expect(
      issues(ZEnvironmentSchema.safeParse({ name: "deep", namespacePattern: "{team}-{env}", kubeconfig: deepText })),
    ).toEqual({ kubeconfig: "validation.tooDeep" });
  });

  it("refuses audit filters the database cannot take, and lists with the valid ones", async () => {
    const bad = {
      cursor: ["9999-99-99T00:00:00Z_1", "2026-01-01T00:00:00Z_99999999999999999999", "x_1", "2026-01-01_1"],
      from: ["99999-01-01", "0000-01-01", "yesterday"],
      actor: ["\u0000", "a\u0000b"],
    };
    for (const [field, values] of Object.entries(bad))
      for (const value of values)
        expect(ZAuditQuerySchema.safeParse({ [field]: value }).success, `${field}=${JSON.stringify(value)}`).toBe(
          false,
        );
    const good = ZAuditQuerySchema.parse({
      actor: "admin",
      from: "2026-01-01T00:00",
      cursor: "2026-01-01T00:00:00.000Z_12",
    });
    await expect(listAuditEvents(good)).resolves.toMatchObject({ rows: expect.any(Array) });
  });

  it("drops a release list cursor that is not one, instead of sending it to the database", async () => {
    for (const cursor of ["garbage", "2026-01-01T00:00:00Z_not-a-uuid", `9999-99-99T00:00:00Z_${crypto.randomUUID()}`])
      expect(ZReleaseListQuerySchema.parse({ cursor }).cursor, cursor).toBeUndefined();
    const cursor = `2026-01-01T00:00:00.000Z_${crypto.randomUUID()}`;
    expect(ZReleaseListQuerySchema.parse({ cursor }).cursor).toBe(cursor);
    await expect(listReleases({ cursor })).resolves.toMatchObject({ rows: expect.any(Array) });
  });
});
