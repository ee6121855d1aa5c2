import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { cancelSubscription } from "@/lib/subscriptions/actions";

export const dynamic = "force-dynamic";

/** POST { mode: "period_end" | "now", requestId } */
export const POST = portalRoute<{ id: string }>("POST /api/billing/portal/subscriptions/[id]/cancel", async (request, user, { id }) =>
  Response.json(await cancelSubscription(user, id, await readJsonBody(request)), { headers: noStore }),
);
