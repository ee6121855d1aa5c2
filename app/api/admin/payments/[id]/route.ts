import { adminRoute, noStore } from "@/lib/admin/route";
import { getPaymentDetail } from "@/lib/payments/queries";
import { jsonError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>("GET /api/admin/payments/[id]", async (_request, _admin, { id }) => {
  const payment = await getPaymentDetail(id);
  if (!payment) return jsonError(404, "Payment not found.");
  return Response.json(payment, { headers: noStore });
});
