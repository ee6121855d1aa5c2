import { found, idParams, route } from "@/lib/http/route";
import { assertOrderAccess } from "@/lib/orders/access";
import { getPublicOrderView } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

// The polling fallback of the return page; the order id is the guest's capability,
// an account's order is its owner's only.
export const GET = route({ name: "GET /api/orders/[id]", auth: "optional-user", params: idParams }, async ({ user, params: { id } }) => {
  await assertOrderAccess(id, user);
  return found(await getPublicOrderView(id), "Order not found.");
});
