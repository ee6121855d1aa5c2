import { auditActor } from "@/lib/auth/admin-pages";
import { adminRoute } from "@/lib/admin/route";
import { readJsonBody } from "@/lib/http/errors";
import { createAdminRefund } from "@/lib/refunds/actions";

export const dynamic = "force-dynamic";

/** POST /api/admin/payments/{orderId}/refunds { amount (minor unit), currency, reason, note? } → 201 the refund. */
export const POST = adminRoute<{ id: string }>("POST /api/admin/payments/[id]/refunds", async (request, admin, { id }) => {
  const refund = await createAdminRefund(id, await readJsonBody(request), auditActor(admin));
  return Response.json(refund, { status: 201 });
});
