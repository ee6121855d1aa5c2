import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { addMeteredAddon } from "@/lib/subscriptions/actions";

export const dynamic = "force-dynamic";

/** POST { requestId } → adds the metered usage add-on (billed in arrears; nothing charged now). */
export const POST = portalRoute<{ id: string }>("POST /api/billing/portal/subscriptions/[id]/addon", async (request, user, { id }) =>
  Response.json(await addMeteredAddon(user, id, await readJsonBody(request)), { headers: noStore }),
);
