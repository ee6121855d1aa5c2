import { listDisputes, listDisputesQuerySchema } from "@/lib/disputes/queries";
import { withCursor } from "@/lib/http/pagination";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** GET /api/admin/disputes?status=open|<stripe status>&cursor → { disputes, nextCursor } */
export const GET = route({ name: "GET /api/admin/disputes", auth: "admin", query: withCursor(listDisputesQuerySchema) }, async ({ query: { cursor, ...filters } }) =>
  listDisputes(filters, cursor ?? null),
);
