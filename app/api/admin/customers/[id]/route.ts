import { adminRoute, noStore } from "@/lib/admin/route";
import { getCustomerDetail } from "@/lib/customers/queries";
import { jsonError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>("GET /api/admin/customers/[id]", async (_request, _admin, { id }) => {
  const customer = await getCustomerDetail(id);
  if (!customer) return jsonError(404, "Customer not found.");
  return Response.json(customer, { headers: noStore });
});
