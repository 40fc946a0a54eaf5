import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/locales";
import type { MessageAlert, MessageContent } from "./message-content";
import { mailText, robotMarkdown, ROBOT_MAX_BYTES, webhookBody, type Reader } from "./render-message";

const zh: Reader = { t: translator("zh-CN"), locale: "zh-CN", timeZone: "Asia/Shanghai" };
const en: Reader = { t: translator("en"), locale: "en", timeZone: "UTC" };

function alert(n: number, extra: Partial<MessageAlert> = {}): MessageAlert {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    event: "firing",
    alertname: `接口延迟过高${n}`,
    severity: "warning",
    summary: "订单服务 p99 延迟超过 1 秒，请检查数据库连接池".repeat(2),
    labels: {},
    annotations: {},
    startsAt: new Date("2026-03-01T02:00:00Z"),
    endsAt: null,
    generatorUrl: "http://prometheus.example/graph",
    app: { id: "a", name: "order", team: "shop" },
    environment: "prod",
    link: null,
    url: `https://slipway.example/alerts/${n}`,
    ...extra,
  };
}

function content(alerts: MessageAlert[]): MessageContent {
  return {
    id: "m1",
    urgent: false,
    openedAt: new Date("2026-03-01T02:00:00Z"),
    closedAt: new Date("2026-03-01T02:05:00Z"),
    subscription: { id: "s1", name: "订单值班" },
    alerts,
    counts: {
      firing: alerts.filter((a) => a.event === "firing").length,
      resolved: alerts.filter((a) => a.event === "resolved").length,
    },
  };
}

describe("robot markdown", () => {
  it("stays within 4096 bytes in Chinese, keeping whole alerts and counting the rest", () => {
    const text = robotMarkdown(content(Array.from({ length: 60 }, (_, i) => alert(i))), zh, ["lilei", "hanmeimei"]);
    expect(Buffer.byteLength(text, "utf8")).toBeLessThanOrEqual(ROBOT_MAX_BYTES);
    const listed = (text.match(/【触发】<\/font>/g) ?? []).length;
    const more = Number(/……还有 (\d+) 条/.exec(text)?.[1]);
    expect(listed).toBeGreaterThan(3);
    expect(listed + more).toBe(60);
    expect(text.endsWith("<@lilei> <@hanmeimei>")).toBe(true);
    expect(text).toContain("60 条触发，0 条恢复");
  });

  it("a short digest needs no cut; times are in the reader's time zone", () => {
    const text = robotMarkdown(
      content([alert(1), alert(2, { event: "resolved", endsAt: new Date("2026-03-01T02:03:00Z") })]),
      zh,
      [],
    );
    expect(text).not.toContain("还有");
    expect(text).toContain("【已恢复】");
    // 02:00 UTC is 10:00 in Shanghai.
    expect(text).toContain("10:00");
  });

  it("names the release before the alert and offers the rollback", () => {
    const linked = alert(1, {
      link: {
        release: { id: "r42", number: 42, kind: "deploy", version: "1.4.2", actor: "Li Lei", createdAt: new Date() },
        minutesAfter: 3,
        rollbackTo: { id: "r41", number: 41 },
      },
    });
    const text = robotMarkdown(content([linked]), en, []);
    expect(text).toContain("fired 3 min after deploy #42 1.4.2 by Li Lei");
    expect(text).toContain("[Roll back to #41](https://slipway.example/alerts/1)");
    expect(mailText(content([linked]), en).text).toContain("Roll back to #41: https://slipway.example/alerts/1");
    expect(webhookBody(content([linked]), en).alerts[0]).toMatchObject({
      release: { number: 42, version: "1.4.2", minutesBeforeAlert: 3 },
      rollback: { toNumber: 41 },
    });
  });
});
