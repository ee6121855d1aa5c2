import { z } from "zod";
import { found, route } from "@/lib/http/route";
import { liveEventStream, SSE_HEADERS } from "@/lib/live/sse";
import { getSubscriptionProgress, readSubscriptionProgress } from "@/lib/subscriptions/progress";

export const dynamic = "force-dynamic";

/** Server-sent events for the subscribe return page: `event: progress`, read from Stripe at connect, then from the mirror on every change. */
export const GET = route(
  { name: "GET /api/billing/subscribe/[subscriptionId]/events", auth: "user", params: z.object({ subscriptionId: z.string().min(1) }) },
  async ({ request, user, params: { subscriptionId } }) => {
    const initial = found(await getSubscriptionProgress(user.id, subscriptionId), "No such subscription.");
    const stream = liveEventStream({
      topic: `subscription:${initial.subscriptionId}`,
      event: "progress",
      initial,
      read: () => readSubscriptionProgress(user.id, subscriptionId),
      signal: request.signal,
    });
    return new Response(stream, { headers: SSE_HEADERS });
  },
);
