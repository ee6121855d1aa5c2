import { found, idParams, route } from "@/lib/http/route";
import { getPaymentDetail } from "@/lib/payments/queries";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/admin/payments/[id]", auth: "admin", params: idParams }, async ({ params }) =>
  found(await getPaymentDetail(params.id), "Payment not found."),
);
