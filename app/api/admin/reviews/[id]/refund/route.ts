import { auditActor } from "@/lib/auth/admin-pages";
import { idParams, route } from "@/lib/http/route";
import { refundAndCloseReview } from "@/lib/reviews/actions";
import { refundAndCloseSchema } from "@/lib/reviews/schemas";

export const dynamic = "force-dynamic";

/** POST { reason? }: refunds what remains of the payment (reason defaults to fraudulent), which closes the review. */
export const POST = route({ name: "POST /api/admin/reviews/[id]/refund", auth: "admin", params: idParams, body: refundAndCloseSchema }, async ({ params, body, user }) =>
  refundAndCloseReview(params.id, body, auditActor(user)),
);
