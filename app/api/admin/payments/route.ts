import { adminRoute, noStore } from "@/lib/admin/route";
import { listPayments, parsePaymentFilters } from "@/lib/payments/queries";

export const dynamic = "force-dynamic";

/** GET /api/admin/payments?status&currency&from&to&refunded&disputed&q&cursor → { rows, nextCursor } */
export const GET = adminRoute("GET /api/admin/payments", async (request) => {
  const params = new URL(request.url).searchParams;
  const page = await listPayments(parsePaymentFilters(params), params.get("cursor"));
  return Response.json(page, { headers: noStore });
});
