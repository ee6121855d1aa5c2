import { getDisputeDetail } from "@/lib/disputes/queries";
import { found, idParams, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/admin/disputes/[id]", auth: "admin", params: idParams }, async ({ params }) =>
  found(await getDisputeDetail(params.id), "Dispute not found."),
);
