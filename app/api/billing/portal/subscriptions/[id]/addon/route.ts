import { idParams, route } from "@/lib/http/route";
import { addMeteredAddon } from "@/lib/subscriptions/actions";
import { requestOnlySchema } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

/** POST { requestId } → adds the metered usage add-on (billed in arrears; nothing charged now). */
export const POST = route({ name: "POST /api/billing/portal/subscriptions/[id]/addon", auth: "user", params: idParams, body: requestOnlySchema }, async ({ user, params, body }) =>
  addMeteredAddon(user, params.id, body),
);
