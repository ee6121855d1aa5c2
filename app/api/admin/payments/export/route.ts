import { csvResponse } from "@/lib/http/pagination";
import { adminRoute } from "@/lib/admin/route";
import { allPayments, parsePaymentFilters, PAYMENT_CSV_HEADER, paymentCsvValues } from "@/lib/payments/queries";

export const dynamic = "force-dynamic";

/** GET /api/admin/payments/export?<same filters> → CSV of every matching payment, streamed. */
export const GET = adminRoute("GET /api/admin/payments/export", async (request) => {
  const filters = parsePaymentFilters(new URL(request.url).searchParams);
  return csvResponse(`payments-${new Date().toISOString().slice(0, 10)}.csv`, PAYMENT_CSV_HEADER, async function* () {
    for await (const rows of allPayments(filters)) yield rows.map(paymentCsvValues);
  });
});
