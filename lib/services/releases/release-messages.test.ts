import { describe, expect, it } from "vitest";
import { readLegacyText } from "@/lib/i18n/legacy-release-text";
import { translator, type Locale } from "@/lib/i18n/locales";
import { renderMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import type { ApplyStep } from "@/lib/kube/apply-objects";
import { failedApply, failedApplyMessage } from "./release-messages";

const render = (stored: StoredMessage, locale: Locale) =>
  renderMessage(stored, { t: translator(locale), clock: { locale, timeZone: "Asia/Shanghai" } });
const legacy = (text: string, locale: Locale) =>
  readLegacyText(text)
    .map((line) => (typeof line === "string" ? line : render(line, locale)))
    .join("\n");

const step = (kind: string, name: string, action: ApplyStep["action"]) => ({ kind, name, action }) as ApplyStep;
const cause = 'dev: Deployment/shop .spec.replicas is managed by "walk-editor". Take over to overwrite.';

describe("a failed apply's error", () => {
  it("is stored as a message: a Chinese reader gets no English but the data", () => {
    const steps = [step("ConfigMap", "shop", "applied"), step("Deployment", "shop", "failed")];
    const zh = render(failedApplyMessage("dev: forbidden: no access", steps, false), "zh-CN");
    expect(zh).toBe(
      [
        "dev 环境：无权限：no access",
        "2 个对象中已下发 1 个：ConfigMap/shop。",
        "未下发：Deployment/shop。",
        "运行中的 Pod 未改变；请重新部署（或回滚）使这些对象保持一致。",
      ].join("\n"),
    );
  });

  it("reads the same in both languages as the English text read back from an old row", () => {
    const cases: [string, ApplyStep[], boolean][] = [
      [cause, [step("ConfigMap", "shop", "applied"), step("Deployment", "shop", "failed")], false],
      ["dev: cluster unreachable", [step("Deployment", "shop", "not_reached")], false],
      ["prod: forbidden: x", [step("Deployment", "shop", "applied"), step("Service", "shop", "failed")], false],
      ["dev: conflict: y", [], true],
    ];
    for (const [why, steps, operation] of cases)
      for (const locale of ["en", "zh-CN"] as const)
        expect(render(failedApplyMessage(why, steps, operation), locale)).toBe(
          legacy(failedApply(why, steps, operation), locale),
        );
  });

  it("keeps a cause no rule knows as it was written", () => {
    expect(render(failedApplyMessage("something odd", [], true), "zh-CN")).toBe("something odd");
  });
});
