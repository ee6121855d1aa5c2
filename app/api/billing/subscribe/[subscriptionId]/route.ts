import { z } from "zod";
import { found, route } from "@/lib/http/route";
import { getSubscriptionProgress } from "@/lib/subscriptions/progress";

export const dynamic = "force-dynamic";

/** The subscription's progress read fresh from Stripe (the return page polls it only when its event stream is unavailable). */
export const GET = route(
  { name: "GET /api/billing/subscribe/[subscriptionId]", auth: "user", params: z.object({ subscriptionId: z.string().min(1) }) },
  async ({ user, params }) => found(await getSubscriptionProgress(user.id, params.subscriptionId), "No such subscription."),
);
