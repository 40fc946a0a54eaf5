import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/locales";
import { auditCsvHeader, auditCsvRow, csvCell } from "./audit-csv";

const row = {
  id: "1",
  at: new Date("2026-11-22T20:00:00Z"),
  actorLabel: "admin@slipway.local",
  action: "user.create",
  targetType: "user",
  targetId: "u1",
  targetLabel: "dev@example.com",
  before: null,
  after: { role: "developer" },
  requestId: "r1",
  ip: "10.0.0.1",
  app: null,
  environment: null,
};

describe("audit CSV", () => {
  it("quotes commas, quotes and newlines", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(null)).toBe("");
    expect(csvCell({ role: "ops" })).toBe('"{""role"":""ops""}"');
  });

  it("defuses spreadsheet formulas", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@sum")).toBe("'@sum");
  });

  it("writes one line per event: time in the reader's zone with its offset, the sentence in their language", () => {
    const clock = { locale: "zh-CN", timeZone: "Asia/Shanghai" } as const;
    expect(auditCsvHeader(clock)).toBe(
      "time (Asia/Shanghai),event,actor,action,app,environment,target_type,target_id,target,before,after,request_id,ip\r\n",
    );
    expect(auditCsvRow(row, { t: translator("zh-CN"), clock })).toBe(
      '2026-11-23T04:00:00+08:00,admin@slipway.local 创建了用户 dev@example.com，角色为开发人员,admin@slipway.local,user.create,,,user,u1,dev@example.com,,"{""role"":""developer""}",r1,10.0.0.1\r\n',
    );
    const english = auditCsvRow(row, { t: translator("en"), clock: { locale: "en", timeZone: "UTC" } });
    expect(
      english.startsWith(
        "2026-11-22T20:00:00+00:00,admin@slipway.local created the user dev@example.com as Developer,",
      ),
    ).toBe(true);
  });
});
