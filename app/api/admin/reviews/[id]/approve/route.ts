import { auditActor } from "@/lib/auth/admin-pages";
import { idParams, route } from "@/lib/http/route";
import { approveReview } from "@/lib/reviews/actions";

export const dynamic = "force-dynamic";

/** POST: approves the payment under review (the order may then be fulfilled). */
export const POST = route({ name: "POST /api/admin/reviews/[id]/approve", auth: "admin", params: idParams }, async ({ params, user }) => approveReview(params.id, auditActor(user)));
