import { route, withStatus } from "@/lib/http/route";
import { subscribeRequestSchema } from "@/lib/subscriptions/schemas";
import { subscribe } from "@/lib/subscriptions/subscribe";

export const dynamic = "force-dynamic";

/** POST { priceId, quantity?, meteredAddon?, promotionCode? } → 201 the new subscription (200 when an incomplete one is reused). */
export const POST = route({ name: "POST /api/billing/subscribe", auth: "user", limit: "billing-payment", body: subscribeRequestSchema }, async ({ user, body }) => {
  const result = await subscribe(body, user.id);
  return withStatus(result.reused ? 200 : 201, result);
});
