import { auditActor } from "@/lib/auth/admin-pages";
import { route } from "@/lib/http/route";
import { reconcileRequestSchema, runReconcile } from "@/lib/reconcile/actions";

export const dynamic = "force-dynamic";
// Listing a few days of Stripe objects can take a while.
export const maxDuration = 300;

/** POST { since: "2026-11-01" | <unix seconds> } → the reconciliation report. */
export const POST = route({ name: "POST /api/admin/reconcile", auth: "admin", body: reconcileRequestSchema }, async ({ body, user }) => runReconcile(body, auditActor(user)));
