import { describe, expect, it } from "vitest";
import { translator, type Locale } from "@/lib/i18n/locales";
import { en } from "@/lib/i18n/messages/en";
import { renderMessage } from "@/lib/i18n/stored-message";
import { auditSentence, type AuditFacts } from "./audit-sentence";

const render = (row: AuditFacts, locale: Locale) =>
  renderMessage(auditSentence(row), { t: translator(locale), clock: { locale, timeZone: "UTC" } });

const base: AuditFacts = {
  action: "",
  actorLabel: "ana@example.com",
  targetLabel: "shop/web dev #7",
  before: null,
  after: null,
  app: { team: "shop", name: "web" },
  environment: { name: "dev" },
};

describe("audit rows as sentences", () => {
  it("reads each kind of row in both languages", () => {
    const deploy = { ...base, action: "release.deploy", after: { number: 7, image: "r.example/web:1.4" } };
    expect(render(deploy, "en")).toBe("ana@example.com deployed r.example/web:1.4 to shop/web in dev (release #7)");
    expect(render(deploy, "zh-CN")).toBe("ana@example.com 将 r.example/web:1.4 部署到 shop/web 的 dev 环境（发布 #7）");
    const auto = {
      ...base,
      action: "release.rollback",
      actorLabel: "system:auto-rollback",
      after: { number: 9, to: 6, after: 8, automatic: true },
    };
    expect(render(auto, "zh-CN")).toBe("自动回滚：#8 失败后，shop/web 在 dev 环境回滚到发布 #6（发布 #9）");
    const created = { ...base, action: "user.create", targetLabel: "li@example.com", after: { role: "developer" } };
    expect(render(created, "zh-CN")).toBe("ana@example.com 创建了用户 li@example.com，角色为开发人员");
    const language = { ...base, action: "user.set_locale", after: { locale: "zh-CN" } };
    expect(render(language, "en")).toBe("ana@example.com switched their language to 简体中文");
    const setup = { ...base, action: "template.create", actorLabel: "system:bootstrap", targetLabel: "web-service v1" };
    expect(render(setup, "zh-CN")).toBe("Slipway 初始化 创建了模板 web-service v1");
  });

  it("has a sentence for every action it knows, with every placeholder filled", () => {
    const actions = Object.keys(en)
      .filter((key) => key.startsWith("audit.sentence.") && key !== "audit.sentence.generic")
      .map((key) => key.slice("audit.sentence.".length))
      .filter((action) => !action.includes(".noEnv") && !action.startsWith("release.auto"));
    const after = { number: 3, image: "i:1", to: 2, replicas: 3, tag: "1.0", user: "u@x", role: "ops", locale: "en" };
    for (const action of actions)
      for (const locale of ["en", "zh-CN"] as const) {
        const text = render({ ...base, action, after, before: { tag: "1.0", requestedBy: "dev@x" } }, locale);
        expect(text, `${action} in ${locale}`).not.toMatch(/\{\w+\}/);
        expect(text, `${action} in ${locale}`).not.toContain("audit.sentence");
      }
  });

  it("an action without a sentence still reads", () => {
    expect(render({ ...base, action: "canary.start", targetLabel: "shop/web" }, "zh-CN")).toBe(
      "ana@example.com：canary.start shop/web",
    );
  });
});
