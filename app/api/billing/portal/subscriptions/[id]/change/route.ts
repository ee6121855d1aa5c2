import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { applyPlanChange } from "@/lib/subscriptions/actions";

export const dynamic = "force-dynamic";

/** POST { priceId, quantity, prorationDate (from the preview), requestId } → the change, invoiced as previewed. */
export const POST = portalRoute<{ id: string }>("POST /api/billing/portal/subscriptions/[id]/change", async (request, user, { id }) =>
  Response.json(await applyPlanChange(user, id, await readJsonBody(request)), { headers: noStore }),
);
