import { readJsonBody } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { resumeSubscription } from "@/lib/subscriptions/actions";

export const dynamic = "force-dynamic";

/** POST { requestId } → undoes a scheduled cancellation (or resumes a paused subscription). */
export const POST = portalRoute<{ id: string }>("POST /api/billing/portal/subscriptions/[id]/resume", async (request, user, { id }) =>
  Response.json(await resumeSubscription(user, id, await readJsonBody(request)), { headers: noStore }),
);
