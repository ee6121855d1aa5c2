import { adminRoute, noStore } from "@/lib/admin/route";
import { listCustomers, parseCustomerFilters } from "@/lib/customers/queries";

export const dynamic = "force-dynamic";

export const GET = adminRoute("GET /api/admin/customers", async (request) => {
  const params = new URL(request.url).searchParams;
  return Response.json(await listCustomers(parseCustomerFilters(params), params.get("cursor")), { headers: noStore });
});
