import { auditActor } from "@/lib/auth/admin-pages";
import { submitDisputeEvidence } from "@/lib/disputes/actions";
import { submitEvidenceSchema } from "@/lib/disputes/schemas";
import { idParams, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** POST { evidence: { product_description?, customer_communication?, uncategorized_text?, … }, submit?: boolean, submissionId } */
export const POST = route({ name: "POST /api/admin/disputes/[id]/evidence", auth: "admin", params: idParams, body: submitEvidenceSchema }, async ({ params, body, user }) =>
  submitDisputeEvidence(params.id, body, auditActor(user)),
);
