import { requireAdmin } from "@/lib/auth/session";
import { errorResponse, HttpError, readJsonBody } from "@/lib/http/errors";
import { runReconcile } from "@/lib/reconcile/actions";

export const dynamic = "force-dynamic";
// Listing a few days of Stripe objects can take a while.
export const maxDuration = 300;

// POST { since: "2026-11-01" | <unix seconds> } → the reconciliation report.
export async function POST(request: Request): Promise<Response> {
  try {
    const admin = await requireAdmin(request);
    const body = await readJsonBody(request);
    if (typeof body !== "object" || body === null) throw new HttpError(400, "Send { since }.", "since");
    const report = await runReconcile({ since: (body as { since?: unknown }).since }, { id: admin.id, email: admin.email });
    return Response.json(report);
  } catch (error) {
    return errorResponse(error, "POST /api/admin/reconcile");
  }
}
