import { found, idParams, route } from "@/lib/http/route";
import { getCustomerDetail } from "@/lib/customers/queries";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/admin/customers/[id]", auth: "admin", params: idParams }, async ({ params }) =>
  found(await getCustomerDetail(params.id), "Customer not found."),
);
