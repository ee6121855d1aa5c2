import { auditActor } from "@/lib/auth/admin-pages";
import { addOrderNoteAsAdmin } from "@/lib/fulfilment/actions";
import { adminNoteSchema } from "@/lib/fulfilment/schemas";
import { created, idParams, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** POST /api/admin/orders/{orderId}/notes { body } → 201 { note } (source "admin", author the admin's email). */
export const POST = route({ name: "POST /api/admin/orders/[id]/notes", auth: "admin", params: idParams, body: adminNoteSchema }, async ({ params, body, user }) =>
  created({ note: await addOrderNoteAsAdmin(params.id, body, auditActor(user)) }),
);
