import { withCursor } from "@/lib/http/pagination";
import { route } from "@/lib/http/route";
import { listPayments, paymentFiltersSchema } from "@/lib/payments/queries";

export const dynamic = "force-dynamic";

/** GET /api/admin/payments?status&currency&from&to&refunded&disputed&q&cursor → { rows, nextCursor } */
export const GET = route({ name: "GET /api/admin/payments", auth: "admin", query: withCursor(paymentFiltersSchema) }, async ({ query: { cursor, ...filters } }) =>
  listPayments(filters, cursor ?? null),
);
