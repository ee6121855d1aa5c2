import { z } from "zod";
import { auditActor } from "@/lib/auth/admin-pages";
import { adminRoute } from "@/lib/admin/route";
import { HttpError, readJsonBody } from "@/lib/http/errors";
import { createAdminRefund } from "@/lib/refunds/actions";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ orderId: z.string({ error: "Name the payment (orderId) to refund." }).trim().min(1, "Name the payment (orderId) to refund.") }).passthrough();

/** POST /api/admin/refunds { orderId, amount, currency, reason, note? } — same as /api/admin/payments/{orderId}/refunds. */
export const POST = adminRoute("POST /api/admin/refunds", async (request, admin) => {
  const body = bodySchema.safeParse(await readJsonBody(request));
  if (!body.success) throw new HttpError(400, body.error.issues[0].message, "orderId");
  const { orderId, ...input } = body.data;
  const refund = await createAdminRefund(orderId, input, auditActor(admin));
  return Response.json(refund, { status: 201 });
});
