import { auditActor } from "@/lib/auth/admin-pages";
import { addOrderNoteAsAdmin } from "@/lib/fulfilment/audited-actions";
import { adminRoute } from "@/lib/admin/route";
import { readJsonBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** POST /api/admin/orders/{orderId}/notes { body } → 201 { note } (source "admin", author the admin's email). */
export const POST = adminRoute<{ id: string }>("POST /api/admin/orders/[id]/notes", async (request, admin, { id }) =>
  Response.json({ note: await addOrderNoteAsAdmin(id, await readJsonBody(request), auditActor(admin)) }, { status: 201 }),
);
