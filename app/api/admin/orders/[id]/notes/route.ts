import { auditActor } from "@/lib/auth/admin-pages";
import { addOrderNoteAsAdmin, adminNoteSchema } from "@/lib/fulfilment/audited-actions";
import { created, idParams, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** POST /api/admin/orders/{orderId}/notes { body } → 201 { note } (source "admin", author the admin's email). */
export const POST = route({ name: "POST /api/admin/orders/[id]/notes", auth: "admin", params: idParams, body: adminNoteSchema }, async ({ params, body, user }) =>
  created({ note: await addOrderNoteAsAdmin(params.id, body, auditActor(user)) }),
);
