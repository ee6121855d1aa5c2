import { auditActor } from "@/lib/auth/admin-pages";
import { created, idParams, route } from "@/lib/http/route";
import { createAdminRefund } from "@/lib/refunds/actions";
import { createRefundSchema } from "@/lib/refunds/schemas";

export const dynamic = "force-dynamic";

/** POST /api/admin/payments/{orderId}/refunds { amount (minor unit), currency, reason, note? } → 201 the refund. */
export const POST = route({ name: "POST /api/admin/payments/[id]/refunds", auth: "admin", params: idParams, body: createRefundSchema }, async ({ params, body, user }) =>
  created(await createAdminRefund(params.id, body, auditActor(user))),
);
