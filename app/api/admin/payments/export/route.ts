import { csvResponse } from "@/lib/http/csv";
import { route } from "@/lib/http/route";
import { allPayments, PAYMENT_CSV_HEADER, paymentCsvValues, paymentFiltersSchema } from "@/lib/payments/queries";

export const dynamic = "force-dynamic";

/** GET /api/admin/payments/export?<same filters> → CSV of every matching payment, streamed. */
export const GET = route({ name: "GET /api/admin/payments/export", auth: "admin", query: paymentFiltersSchema }, async ({ query }) =>
  csvResponse(`payments-${new Date().toISOString().slice(0, 10)}.csv`, PAYMENT_CSV_HEADER, async function* () {
    for await (const rows of allPayments(query)) yield rows.map(paymentCsvValues);
  }),
);
