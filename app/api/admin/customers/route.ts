import { withCursor } from "@/lib/http/pagination";
import { route } from "@/lib/http/route";
import { customerFiltersSchema, listCustomers } from "@/lib/customers/queries";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/admin/customers", auth: "admin", query: withCursor(customerFiltersSchema) }, async ({ query: { cursor, ...filters } }) =>
  listCustomers(filters, cursor ?? null),
);
