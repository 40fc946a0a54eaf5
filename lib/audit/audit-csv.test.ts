import { describe, expect, it } from "vitest";
import { auditCsvRow, csvCell } from "./audit-csv";

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

  it("writes one line per event with ISO time", () => {
    const line = auditCsvRow({
      id: "1",
      at: new Date("2026-11-22T08:00:00Z"),
      actorLabel: "admin@slipway.local",
      action: "user.create",
      targetType: "user",
      targetId: "u1",
      targetLabel: "dev@example.com",
      before: null,
      after: { role: "developer" },
      requestId: "r1",
      ip: "10.0.0.1",
    });
    expect(line).toBe(
      '2026-11-22T08:00:00.000Z,admin@slipway.local,user.create,user,u1,dev@example.com,,"{""role"":""developer""}",r1,10.0.0.1\r\n',
    );
  });
});
