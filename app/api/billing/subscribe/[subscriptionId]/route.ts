import { z } from "zod";
import { found, route } from "@/lib/http/route";
import { getSubscriptionProgress } from "@/lib/subscriptions/progress";

export const dynamic = "force-dynamic";

/** The return page polls this until the new subscription has settled. */
export const GET = route(
  { name: "GET /api/billing/subscribe/[subscriptionId]", auth: "user", params: z.object({ subscriptionId: z.string().min(1) }) },
  async ({ user, params }) => found(await getSubscriptionProgress(user.id, params.subscriptionId), "No such subscription."),
);
