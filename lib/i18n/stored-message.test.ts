import { describe, expect, it } from "vitest";
import { readLegacyDescription, readLegacyText } from "./legacy-release-text";
import { translator, type Locale } from "./locales";
import { message, renderMessage, renderMessageParts, type StoredMessage } from "./stored-message";
import { readValueProblem } from "./value-problem-text";

const context = (locale: Locale) => ({ t: translator(locale), clock: { locale, timeZone: "Asia/Shanghai" } });
const both = (stored: StoredMessage) => [renderMessage(stored, context("en")), renderMessage(stored, context("zh-CN"))];
const lines = (text: string, locale: Locale) =>
  readLegacyText(text)
    .map((line) => (typeof line === "string" ? line : renderMessage(line, context(locale))))
    .join("\n");

describe("stored messages", () => {
  it("render in the reader's language, enum values included", () => {
    const locked = message("releases.locked", {
      number: 7,
      kind: message("releases.kind.rollback"),
      actor: "ana@example.com",
      status: message("releases.status.applying"),
    });
    expect(both(locked)).toEqual([
      "Release #7 (Rollback by ana@example.com) is still running (Applying) in this environment; wait until it finishes.",
      "此环境中的发布 #7（回滚，由 ana@example.com 发起）仍在进行（下发中），请等待其结束。",
    ]);
  });

  it("keep the data apart from the words, so it is shown untranslated", () => {
    const parts = renderMessageParts(
      message("releaseText.namespaceCreated", { namespace: "shop-dev" }),
      context("zh-CN"),
    );
    expect(parts).toEqual([{ text: "已创建命名空间 " }, { text: "shop-dev", data: true }]);
  });

  it("render times in the reader's zone and durations in their words", () => {
    const restarted = message("releaseText.restartRequested", { at: { at: "2026-03-05T22:12:51Z" } });
    expect(both(restarted)).toEqual(["Restart requested at 2026-03-06 06:12:51", "已于 2026-03-06 06:12:51 请求重启"]);
    expect(renderMessage(message("time.took", { duration: { ms: 125_000 } }), context("zh-CN"))).toBe("耗时 2 分 5 秒");
  });

  it("show a key this version does not know with its data instead of nothing", () => {
    expect(renderMessage({ key: "canary.started", values: { header: "X-Canary" } }, context("zh-CN"))).toBe(
      "canary.started X-Canary",
    );
  });
});

describe("release rows written in English before messages were stored", () => {
  it("read the engine's descriptions back in both languages, and leave a person's words alone", () => {
    const read = (text: string) => both(readLegacyDescription(text)!);
    expect(read("Roll back to #19")).toEqual(["Roll back to #19", "回滚到 #19"]);
    expect(read("Scale to 3")).toEqual(["Scale to 3 replicas", "扩缩容到 3 个副本"]);
    expect(read("Restart")).toEqual(["Restart", "重启"]);
    expect(read("Automatic rollback to #4 after #5 failed")).toEqual([
      "Automatic rollback to #4 after #5 failed",
      "#5 失败后自动回滚到 #4",
    ]);
    // Canary releases and a rollback from an alert (issues 14, 15).
    expect(read("Canary on")).toEqual(["Canary on", "开启灰度"]);
    expect(read("Canary harbor.example.com/shop/web:2.0.0")).toEqual([
      "Canary harbor.example.com/shop/web:2.0.0",
      "灰度发布 harbor.example.com/shop/web:2.0.0",
    ]);
    expect(read("Promoted by release #5")).toEqual(["Promoted by release #5", "已由发布 #5 转正"]);
    expect(read("Roll back to #1 after alert CheckoutErrors")).toEqual([
      "Roll back to #1 after alert CheckoutErrors",
      "告警 CheckoutErrors 后回滚到 #1",
    ]);
    expect(readLegacyDescription("fix: the login page")).toBeNull();
  });

  it("read timeline entries back", () => {
    expect(lines("rollback #21 by ana@example.com: Roll back to #19", "zh-CN")).toBe(
      "ana@example.com 发起回滚 #21：回滚到 #19",
    );
    expect(lines("deploy #3 by ana@example.com: fix: the login page", "zh-CN")).toBe(
      "ana@example.com 发起部署 #3：fix: the login page",
    );
    expect(lines("3 objects applied", "zh-CN")).toBe("已下发 3 个对象");
    expect(lines("Rollout complete", "zh-CN")).toBe("滚动更新完成");
    expect(lines("Scaled to 3 replicas", "en")).toBe("Scaled to 3 replicas");
    expect(lines("Service legacy is no longer part of the app and was deleted", "zh-CN")).toBe(
      "Service/legacy 已不属于该应用，已删除",
    );
  });

  it("read engine errors back, keeping what Kubernetes said as it was", () => {
    const error = [
      'dev: Deployment/web .metadata.annotations.kubernetes.io/change-cause is managed by "kubectl-edit"; Deployment/web .spec.replicas is managed by "kubectl-edit". Take over to overwrite.',
      "Applied 2 of 3 objects: Secret/web-secrets, Service/web.",
    ].join("\n");
    expect(lines(error, "zh-CN")).toBe(
      [
        "dev 环境：Deployment/web 的 .metadata.annotations.kubernetes.io/change-cause 由“kubectl-edit”管理；Deployment/web 的 .spec.replicas 由“kubectl-edit”管理。如需覆盖，请接管这些字段。",
        "3 个对象中已下发 2 个：Secret/web-secrets, Service/web。",
      ].join("\n"),
    );
    expect(lines('prod: forbidden: deployments.apps "web" is forbidden', "zh-CN")).toBe(
      'prod 环境：无权限：deployments.apps "web" is forbidden',
    );
    expect(lines("dev: cluster unreachable (ECONNREFUSED)", "zh-CN")).toBe("dev 环境：无法连接集群（ECONNREFUSED）");
    expect(lines("Progress deadline (30 s) exceeded: ReplicaSet has timed out progressing.", "zh-CN")).toBe(
      "超过进度期限（30 秒）：ReplicaSet has timed out progressing.",
    );
    expect(lines("web-7c9d-abcde: CrashLoopBackOff (ContainersNotReady: not ready)", "en")).toBe(
      "web-7c9d-abcde: CrashLoopBackOff (ContainersNotReady: not ready)",
    );
    expect(lines("Something nobody wrote a rule for", "zh-CN")).toBe("Something nobody wrote a rule for");
  });
});

describe("refused parameter values", () => {
  it("read in the reader's language, the value shown as it was typed", () => {
    const read = (text: string, locale: Locale) => renderMessage(readValueProblem(text)!, context(locale));
    expect(read('parameter "resources" limits.memory: limit 256Mi is below the request 512Mi', "zh-CN")).toBe(
      "limits.memory：上限 256Mi 小于请求量 512Mi",
    );
    expect(read('parameter "replicas": 99 is above max 50', "zh-CN")).toBe("99 大于最大值 50");
    expect(read('parameter "port": must be a port number', "en")).toBe("must be a port number");
    expect(
      read(
        'parameter "env" [0].name: "1x" is not a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)',
        "zh-CN",
      ),
    ).toBe('[0].name："1x" 不是有效的变量名（字母、数字、“-”“_”“.”，不能以数字开头）');
    expect(readValueProblem('parameter "x": something new')).toBeNull();
  });
});
