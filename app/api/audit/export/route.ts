import { withRoute } from "@/lib/api/with-route";
import { auditCsvHeader, auditCsvRow } from "@/lib/audit/audit-csv";
import { readQuery } from "@/lib/api/parse-request";
import { getI18n } from "@/lib/i18n/server";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { ZAuditQuerySchema } from "@/lib/validations/audit";

export const dynamic = "force-dynamic";

// The audit history as CSV with the page's filters, streamed page by page (keyset), so an
// export of a million rows does not sit in memory.
export const GET = withRoute("audit.read", async (request) => {
  const query = await readQuery(request, ZAuditQuerySchema, { cursor: undefined, limit: 500 });
  const { t, clock } = await getI18n();
  // The first page is read before the answer starts, so a failure is an error status, not a
  // 200 that stops half-way.
  const first = await listAuditEvents(query, clock.timeZone);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode("\ufeff" + auditCsvHeader(clock)));
      let page = first;
      for (;;) {
        controller.enqueue(encoder.encode(page.rows.map((row) => auditCsvRow(row, { t, clock })).join("")));
        if (!page.nextCursor) break;
        page = await listAuditEvents({ ...query, cursor: page.nextCursor }, clock.timeZone);
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="slipway-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});
