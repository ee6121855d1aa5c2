import { idParams, route } from "@/lib/http/route";
import { revokeUsageKey } from "@/lib/usage/actions";

export const dynamic = "force-dynamic";

/** DELETE → revokes the key at once; requests with it get 401. */
export const DELETE = route({ name: "DELETE /api/billing/portal/usage-keys/[id]", auth: "user", params: idParams }, async ({ user, params }) => {
  await revokeUsageKey(user, params.id);
  return { id: params.id, revoked: true };
});
