import { withRoute } from "@/lib/api/with-route";
import { auditCsvHeader, auditCsvRow } from "@/lib/audit/audit-csv";
import { AppError } from "@/lib/errors";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { ZAuditQuerySchema } from "@/lib/validations/audit";

export const dynamic = "force-dynamic";

// The audit history as CSV with the page's filters, streamed page by page (keyset), so an
// export of a million rows does not sit in memory.
export const GET = withRoute("audit.read", async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = ZAuditQuerySchema.safeParse({ ...params, cursor: undefined, limit: 500 });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("invalid_input", `Invalid ${issue?.path.join(".") ?? "query"}: ${issue?.message ?? ""}`, {
      field: issue?.path.join("."),
    });
  }
  const query = parsed.data;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode("\ufeff" + auditCsvHeader()));
      let cursor: string | undefined;
      do {
        const page = await listAuditEvents({ ...query, cursor });
        controller.enqueue(encoder.encode(page.rows.map(auditCsvRow).join("")));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
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
