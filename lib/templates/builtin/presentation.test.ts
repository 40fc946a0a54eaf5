import { describe, expect, it } from "vitest";
import { checkParameterSchema } from "../check-parameters";
import { BUILTIN_TEMPLATES } from "./index";
import { withBuiltinPresentation } from "./presentation";

describe("parameters in people's words", () => {
  it("every built-in parameter has a title in both languages and a known section", () => {
    for (const template of BUILTIN_TEMPLATES)
      for (const def of template.schema.parameters) {
        expect(def.title?.en, `${template.name}.${def.name}`).toBeTruthy();
        expect(def.title?.["zh-CN"], `${template.name}.${def.name}`).toMatch(/[\u4e00-\u9fff]/);
        expect(def.help?.["zh-CN"], `${template.name}.${def.name}`).toBeTruthy();
      }
  });

  it("a custom template may give titles, sections and advanced; an unknown section is refused", () => {
    const ok = checkParameterSchema({
      parameters: [
        { name: "workers", type: "integer", title: { en: "Workers", "zh-CN": "工作进程数" }, section: "scaling" },
        { name: "debug", type: "boolean", advanced: true },
      ],
    });
    expect(ok.ok).toBe(true);
    const bad = checkParameterSchema({ parameters: [{ name: "x", type: "string", section: "misc" }] });
    expect(bad.ok).toBe(false);
  });

  it("apps on a built-in version from before titles read them from the built-in, by name and type", () => {
    const old = [
      { name: "replicas", type: "integer" as const, default: 2 },
      { name: "replicas2", type: "integer" as const },
      { name: "port", type: "string" as const },
    ];
    const shown = withBuiltinPresentation("web-service", old);
    expect(shown[0]?.title).toEqual({ en: "Replicas", "zh-CN": "副本数" });
    expect(shown[0]?.section).toBe("scaling");
    expect(shown[0]?.default).toBe(2);
    expect(shown[1]?.title).toBeUndefined();
    // Same name, another type: not the built-in's parameter.
    expect(shown[2]?.title).toBeUndefined();
    expect(withBuiltinPresentation("custom", old)).toEqual(old);
  });
});
