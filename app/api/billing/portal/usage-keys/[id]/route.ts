import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { revokeUsageKey } from "@/lib/usage/actions";

export const dynamic = "force-dynamic";

/** DELETE → revokes the key at once; requests with it get 401. */
export const DELETE = portalRoute<{ id: string }>("DELETE /api/billing/portal/usage-keys/[id]", async (_request, user, { id }) => {
  await revokeUsageKey(user, id);
  return Response.json({ id, revoked: true }, { headers: noStore });
});
