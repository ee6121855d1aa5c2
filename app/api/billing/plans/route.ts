import { listMeteredAddon, listPlans } from "@/lib/catalog/plans";
import { errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const [plans, meteredAddon] = await Promise.all([listPlans(), listMeteredAddon()]);
    return Response.json({ plans, meteredAddon });
  } catch (error) {
    return errorResponse(error, "GET /api/billing/plans");
  }
}
