import { requireUser } from "@/lib/auth/session";
import { getSubscriptionProgress } from "@/lib/subscriptions/progress";
import { errorResponse, HttpError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** The return page polls this until the new subscription has settled. */
export async function GET(request: Request, { params }: { params: Promise<{ subscriptionId: string }> }): Promise<Response> {
  try {
    const user = await requireUser(request);
    const progress = await getSubscriptionProgress(user.id, (await params).subscriptionId);
    if (!progress) throw new HttpError(404, "No such subscription.");
    return Response.json(progress, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/billing/subscribe/[subscriptionId]");
  }
}
