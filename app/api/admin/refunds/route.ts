import { z } from "zod";
import { auditActor } from "@/lib/auth/admin-pages";
import { created, route } from "@/lib/http/route";
import { createAdminRefund } from "@/lib/refunds/actions";
import { createRefundSchema } from "@/lib/refunds/schemas";

export const dynamic = "force-dynamic";

// orderId first, so a body without it is answered about orderId before anything else.
const bodySchema = z.object({
  orderId: z.string({ error: "Name the payment (orderId) to refund." }).trim().min(1, "Name the payment (orderId) to refund."),
  ...createRefundSchema.shape,
});

/** POST /api/admin/refunds { orderId, amount, currency, reason, note? } — same as /api/admin/payments/{orderId}/refunds. */
export const POST = route({ name: "POST /api/admin/refunds", auth: "admin", body: bodySchema }, async ({ body: { orderId, ...refund }, user }) =>
  created(await createAdminRefund(orderId, refund, auditActor(user))),
);
