import { auditActor } from "@/lib/auth/admin-pages";
import { acceptDispute } from "@/lib/disputes/actions";
import { acceptDisputeSchema } from "@/lib/disputes/schemas";
import { idParams, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** POST { submissionId }: accepts the dispute (Stripe closes it as lost). */
export const POST = route({ name: "POST /api/admin/disputes/[id]/close", auth: "admin", params: idParams, body: acceptDisputeSchema }, async ({ params, body, user }) =>
  acceptDispute(params.id, body, auditActor(user)),
);
