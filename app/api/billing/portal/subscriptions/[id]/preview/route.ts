import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { previewPlanChange } from "@/lib/subscriptions/actions";

export const dynamic = "force-dynamic";

/** POST { priceId, quantity } → the proration invoice the change would create (nothing changes). */
export const POST = portalRoute<{ id: string }>("POST /api/billing/portal/subscriptions/[id]/preview", async (request, user, { id }) =>
  Response.json(await previewPlanChange(user, id, await readJsonBody(request)), { headers: noStore }),
);
